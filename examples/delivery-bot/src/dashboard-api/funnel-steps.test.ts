import { builtInFlows, MemoryBackend } from "@toktok/flows";
import { describe, expect, it } from "vitest";
import { BUILT_IN_FUNNEL_STEPS } from "./funnel-steps.ts";

// Reads the flow definitions through the marker @toktok/flows puts on them (test only), so a
// renamed or reordered step in the flows breaks this test instead of silently emptying a funnel.
const stepsOf = (flow: object): string[] =>
  (flow as Record<symbol, { steps: Array<{ id: string }> }>)[Symbol.for("@toktok/flows/definition")]?.steps.map(
    (s) => s.id,
  ) ?? [];

describe("BUILT_IN_FUNNEL_STEPS", () => {
  const flows = builtInFlows({ backend: new MemoryBackend() });

  it("lists, for each built-in flow, real step ids in the flow's own order", () => {
    expect(Object.keys(BUILT_IN_FUNNEL_STEPS).sort()).toEqual(["auth", "courier", "driver", "marketplace"]);
    for (const [id, listed] of Object.entries(BUILT_IN_FUNNEL_STEPS)) {
      const flow = flows.find((f) => f.id === id);
      expect(flow, id).toBeDefined();
      const actual = stepsOf(flow as object);
      expect(actual.length, `${id} definition readable`).toBeGreaterThan(0);
      expect(
        actual.filter((s) => listed.includes(s)),
        id,
      ).toEqual([...listed]);
    }
  });
});
