import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WebhookError } from "../errors.js";
import { fixture } from "../test-support/webhook-fixtures.js";
import { parseWebhookPayload } from "./parse.js";

const collect = (payload: unknown) => {
  const skipped: WebhookError[] = [];
  const events = parseWebhookPayload(payload, { onInvalid: (e) => skipped.push(e) });
  return { events, skipped };
};

const change = (value: Record<string, unknown>) => ({
  object: "whatsapp_business_account",
  entry: [{ id: "1", changes: [{ field: "messages", value: { metadata: { phone_number_id: "2" }, ...value } }] }],
});

describe("parseWebhookPayload — lenient mode (onInvalid)", () => {
  it("types an interactive message without its object (131000) as unsupported, in both modes", () => {
    const payload = fixture("interactive-missing-131000");
    const { events, skipped } = collect(payload);
    expect(skipped).toEqual([]);
    expect(parseWebhookPayload(payload)).toEqual(events);
    expect(events.map((e) => [e.kind, "id" in e ? e.id : e.kind === "error" ? e.error.code : ""])).toEqual([
      ["message", "wamid.BEFORE"],
      ["message", "wamid.INTERACTIVE_NO_OBJECT"],
      ["message", "wamid.AFTER"],
      ["error", 131000],
      ["status", "wamid.S-OK"],
    ]);
    const unreadable = events[1];
    expect(unreadable?.kind === "message" && unreadable.message).toMatchObject({
      type: "unsupported",
      originalType: "interactive",
      raw: { id: "wamid.INTERACTIVE_NO_OBJECT" },
    });
  });

  it("skips a malformed status, change or entry and reports each with its path", () => {
    const payload = {
      object: "whatsapp_business_account",
      entry: [
        "not an entry",
        {
          id: "1",
          changes: [
            { field: "messages", value: { metadata: {} } },
            {
              field: "messages",
              value: {
                metadata: { phone_number_id: "2" },
                statuses: [{ id: "s1" }, { id: "s2", status: "read", timestamp: "1" }],
                messages: "oops",
              },
            },
            7,
          ],
        },
      ],
    };
    const { events, skipped } = collect(payload);
    expect(events.map((e) => ("id" in e ? e.id : ""))).toEqual(["s2"]);
    expect(skipped.map((e) => e.path)).toEqual([
      "entry[0]",
      "entry[1].changes[0].value.metadata.phone_number_id",
      "entry[1].changes[1].value.messages",
      "entry[1].changes[1].value.statuses[0].status",
      "entry[1].changes[2]",
    ]);
  });

  it("reports a JSON root that is not a WhatsApp delivery (no event), and throws only for a body that is not JSON", () => {
    for (const [root, path] of [
      [[], "(root)"],
      [3, "(root)"],
      [null, "(root)"],
      [{ object: "page", entry: [] }, "object"],
      [{ entry: {} }, "entry"],
    ] as const) {
      const { events, skipped } = collect(root);
      expect(events).toEqual([]);
      expect(skipped.map((e) => e.path)).toEqual([path]);
      expect(() => parseWebhookPayload(root)).toThrow(WebhookError);
    }
    expect(() => collect("{oops")).toThrow(WebhookError);
    expect(collect(change({ messages: [] })).events).toEqual([]);
  });

  it("never crashes on any JSON value: it returns events or throws a WebhookError for the root", () => {
    const item = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          from: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
          id: fc.oneof(fc.string(), fc.integer()),
          timestamp: fc.oneof(fc.string(), fc.integer(), fc.double()),
          type: fc.constantFrom("text", "image", "interactive", "location", "order", "contacts", "reaction", "x"),
          text: fc.jsonValue({ maxDepth: 2 }),
          interactive: fc.jsonValue({ maxDepth: 3 }),
          image: fc.jsonValue({ maxDepth: 2 }),
          order: fc.jsonValue({ maxDepth: 3 }),
          contacts: fc.jsonValue({ maxDepth: 3 }),
          errors: fc.jsonValue({ maxDepth: 2 }),
          status: fc.jsonValue({ maxDepth: 1 }),
        },
        { requiredKeys: [] },
      ),
    );
    const delivery = fc.record(
      {
        object: fc.constantFrom("whatsapp_business_account", undefined),
        entry: fc.array(
          fc.oneof(
            fc.jsonValue({ maxDepth: 2 }),
            fc.record(
              {
                id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
                changes: fc.array(
                  fc.oneof(
                    fc.jsonValue({ maxDepth: 2 }),
                    fc.record(
                      {
                        field: fc.constantFrom("messages", "other"),
                        value: fc.record(
                          {
                            metadata: fc.oneof(
                              fc.record({ phone_number_id: fc.oneof(fc.string(), fc.integer()) }),
                              fc.jsonValue({ maxDepth: 1 }),
                            ),
                            messages: fc.oneof(fc.array(item, { maxLength: 4 }), fc.jsonValue({ maxDepth: 1 })),
                            statuses: fc.oneof(fc.array(item, { maxLength: 4 }), fc.jsonValue({ maxDepth: 1 })),
                            contacts: fc.jsonValue({ maxDepth: 3 }),
                            errors: fc.jsonValue({ maxDepth: 3 }),
                          },
                          { requiredKeys: [] },
                        ),
                      },
                      { requiredKeys: [] },
                    ),
                  ),
                  { maxLength: 3 },
                ),
              },
              { requiredKeys: [] },
            ),
          ),
          { maxLength: 3 },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), delivery, fc.string()), (payload) => {
        try {
          const { events, skipped } = collect(payload);
          expect(Array.isArray(events)).toBe(true);
          for (const e of skipped) expect(WebhookError.isInstance(e)).toBe(true);
        } catch (error) {
          expect(WebhookError.isInstance(error)).toBe(true);
          expect((error as WebhookError).path).toMatch(/^\(root\)$|^object$|^entry$/);
        }
      }),
      { numRuns: 400 },
    );
  });
});
