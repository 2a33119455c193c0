// The rest of the `messages` field through the public parser: marketing-message clicks
// (`user_actions`), group messages (`group_id`), and any part the parser does not read, kept as an
// `unknown` event instead of being dropped. The handler runs the same fixtures (handler-kinds.test.ts).
import { describe, expect, it } from "vitest";
import { parseWebhookPayload } from "../index.js";
import { REST_KIND_EXPECTATIONS } from "../test-support/kind-expectations-rest.js";
import { kindFixture } from "../test-support/webhook-fixtures.js";

const messagesValue = (extra: Record<string, unknown>) => ({
  object: "whatsapp_business_account",
  entry: [
    {
      id: "1",
      changes: [{ field: "messages", value: { metadata: { phone_number_id: "2" }, ...extra } }],
    },
  ],
});

describe("parseWebhookPayload — the rest of the messages field", () => {
  it.each(Object.keys(REST_KIND_EXPECTATIONS))("%s", (name) => {
    const events = parseWebhookPayload(kindFixture(name));
    const expected = REST_KIND_EXPECTATIONS[name] ?? [];
    expect(events).toHaveLength(expected.length);
    expect(events).toMatchObject(expected);
  });

  it("keeps each user action's raw object, and leaves out the click data of another action", () => {
    const [click] = parseWebhookPayload(kindFixture("user-action"));
    expect(click?.kind === "user_action" && click.raw.action_type).toBe("marketing_messages_link_click");
    const [other] = parseWebhookPayload(
      messagesValue({ user_actions: [{ action_type: "toktok_future_action", timestamp: "1763726600" }] }),
    );
    expect(other).toMatchObject({ kind: "user_action", actionType: "toktok_future_action" });
    expect(other).not.toHaveProperty("linkClick");
  });

  it("a one-to-one message has no groupId", () => {
    const [event] = parseWebhookPayload(kindFixture("messages-unread-array"));
    expect(event?.kind).toBe("message");
    expect(event).not.toHaveProperty("groupId");
  });

  it("hands every unread array over, after the read parts; a scalar, an object or an empty array is no event", () => {
    const events = parseWebhookPayload(
      messagesValue({
        messaging_product: "whatsapp",
        toktok_list: [1, 2],
        toktok_object: { a: 1 },
        toktok_empty: [],
        toktok_version: "3",
        toktok_null: null,
        errors: [{ code: 131000, title: "Something went wrong" }],
      }),
    );
    expect(events).toEqual([
      {
        kind: "error",
        businessAccountId: "1",
        phoneNumberId: "2",
        error: { code: 131000, title: "Something went wrong" },
      },
      {
        kind: "unknown",
        businessAccountId: "1",
        field: "messages",
        phoneNumberId: "2",
        key: "toktok_list",
        raw: [1, 2],
      },
    ]);
  });

  it("a malformed user action is one skipped part: strict mode names its path, lenient mode keeps the others", () => {
    const payload = messagesValue({
      user_actions: [
        { timestamp: "1763726600" },
        { action_type: "marketing_messages_link_click", timestamp: "1763726610" },
      ],
    });
    expect(() => parseWebhookPayload(payload)).toThrow(/user_actions\[0\]\.action_type/);
    const skipped: string[] = [];
    const events = parseWebhookPayload(payload, { onInvalid: (e) => void skipped.push(e.path ?? "") });
    expect(skipped).toEqual(["entry[0].changes[0].value.user_actions[0].action_type"]);
    expect(events).toMatchObject([{ kind: "user_action", timestamp: new Date(1763726610 * 1000) }]);
  });
});
