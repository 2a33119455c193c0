// The webhook fixtures agree with Meta's OpenAPI description wherever it describes webhooks.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { webhookSpecErrors } from "../test-support/openapi-webhooks.js";

const folders = ["../__fixtures__/webhooks/", "./__fixtures__/"].map((p) => new URL(p, import.meta.url));
const fixtures = folders.flatMap((folder) =>
  readdirSync(folder)
    .filter((f) => f.endsWith(".json"))
    .map((f) => [f, JSON.parse(readFileSync(new URL(f, folder), "utf8")) as unknown] as const),
);

/** Fixtures off the description on purpose, and exactly where. */
const OFF_SPEC: Record<string, string[]> = {
  // Deliberately broken items, to test that they are skipped.
  "broken-item-mixed.json": [
    "entry[0].changes[0].value.statuses[0] (Statuses) must have required property 'id'",
    "entry[0].changes[0].value.messages[1]/location/latitude (LocationMessage_1) must be number",
  ],
  // What Meta really sends for a reply it could not deliver (with value.errors 131000).
  "interactive-missing-131000.json": [
    "entry[0].changes[0].value.messages[1] (InteractiveMessageReply) must have required property 'context'",
    "entry[0].changes[0].value.messages[1] (InteractiveMessageReply) must have required property 'interactive'",
  ],
  // Meta's Groups webhooks page documents a participant leaving and a group suspension without a
  // request id, and types the description's enum does not list.
  "group-left.json": [
    "entry[0].changes[0].value.groups[0] (Groups) must have required property 'request_id'",
    "entry[0].changes[0].value.groups[0]/type (Groups) must be equal to one of the allowed values",
  ],
  "group-status.json": [
    "entry[0].changes[0].value.groups[0] (Groups) must have required property 'request_id'",
    "entry[0].changes[0].value.groups[0]/type (Groups) must be equal to one of the allowed values",
  ],
  // A marketing STOP on the messages field: Meta's user_preferences page documents this system type; the enum misses it.
  "message-system-marketing.json": [
    "entry[0].changes[0].value.messages[0]/system/type (SystemMessage) must be equal to one of the allowed values",
  ],
  // Quantities and prices as strings, to test that the parser reads both forms.
  "message-order.json": [
    "entry[0].changes[0].value.messages[0]/order/product_items/0/quantity (OrderMessage) must be integer",
    "entry[0].changes[0].value.messages[0]/order/product_items/0/item_price (OrderMessage) must be number",
  ],
};

describe("webhook fixtures against the vendored OpenAPI description", () => {
  it.each(fixtures)("%s", (name, payload) => {
    expect(webhookSpecErrors(payload)).toEqual(OFF_SPEC[name] ?? []);
  });

  it("catches a status the description does not allow and a message without its id", () => {
    const bad = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "1",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "1", phone_number_id: "2" },
                statuses: [{ id: "s", status: "seen", timestamp: "1", recipient_id: "3" }],
                messages: [{ from: "3", timestamp: "1", type: "text", text: { body: "x" } }],
              },
            },
          ],
        },
      ],
    };
    const errors = webhookSpecErrors(bad);
    expect(errors.some((e) => e.includes("statuses[0]/status (Statuses)"))).toBe(true);
    expect(errors.some((e) => e.includes("messages[0] (TextMessage_2)") && e.includes("id"))).toBe(true);
  });
});
