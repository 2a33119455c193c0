import { expectTypeOf, test } from "vitest";
import { reply } from "../messaging/reply.js";
import { defineFlow, type Flow, type FlowContext } from "./types.js";

interface Order {
  size: "S" | "M";
  count: number;
}

test("steps are typed by the flow's data", () => {
  const flow = defineFlow<Order>({
    id: "typed",
    steps: [
      {
        id: "size",
        fills: ["size"],
        prompt: (ctx) => {
          expectTypeOf(ctx).toEqualTypeOf<FlowContext<Order>>();
          expectTypeOf(ctx.data.size).toEqualTypeOf<"S" | "M" | undefined>();
          return reply.text("Taille ?");
        },
        parse: () => ({ ok: true, set: { size: "M" } }),
      },
      {
        id: "count",
        // @ts-expect-error: "colour" is not a field of Order
        fills: ["colour"],
        prompt: () => reply.text("Combien ?"),
        // @ts-expect-error: count is a number
        parse: () => ({ ok: true, set: { count: "two" } }),
      },
    ],
    complete: ({ data }) => reply.text(`${data.count ?? 0} × ${data.size ?? "?"}`),
  });
  expectTypeOf(flow).toEqualTypeOf<Flow>();
});
