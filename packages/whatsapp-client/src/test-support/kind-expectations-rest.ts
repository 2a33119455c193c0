// The events the `messages`-field fixtures added after parse-kinds.test.ts must give: users' actions,
// group messages, and an array this version does not read. Shared by parse-kinds.test.ts (every kind
// has a fixture) and parse-kinds-rest.test.ts (which checks them).
import type { WebhookEvent } from "../index.js";

const NUMBER = {
  businessAccountId: "102290129340398",
  phoneNumberId: "106540352242922",
  displayPhoneNumber: "242050000000",
};
const at = (seconds: number) => new Date(seconds * 1000);

/** Fixture name → the events it must give (raw objects of known kinds left out: `toMatchObject`). */
export const REST_KIND_EXPECTATIONS: Record<string, Array<Partial<WebhookEvent> & Record<string, unknown>>> = {
  "user-action": [
    {
      kind: "user_action",
      ...NUMBER,
      actionType: "marketing_messages_link_click",
      timestamp: at(1763726600),
      linkClick: { clickComponent: "cta", productId: "sku-savon-12", clickId: "c.ARx81kq", trackingToken: "tt_9f2c" },
    },
    {
      kind: "user_action",
      ...NUMBER,
      actionType: "marketing_messages_link_click",
      timestamp: at(1763726610),
      linkClick: { clickComponent: "body", clickId: "c.ARx81kr" },
    },
  ],
  "message-group": [
    {
      kind: "message",
      ...NUMBER,
      id: "wamid.GROUP1",
      from: "242061234567",
      contactName: "Awa Mabiala",
      groupId: "Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD",
      timestamp: at(1763726620),
      message: { type: "text", text: "Qui livre à Moungali ce soir ?" },
    },
  ],
  "messages-unread-array": [
    { kind: "message", id: "wamid.TEXT9", message: { type: "text", text: "Merci" } },
    {
      kind: "unknown",
      businessAccountId: NUMBER.businessAccountId,
      field: "messages",
      phoneNumberId: NUMBER.phoneNumberId,
      key: "toktok_made_up_items",
      raw: [{ courier_eta: "12 min" }],
    },
  ],
};
