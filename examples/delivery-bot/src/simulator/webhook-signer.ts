import { createHmac, randomBytes } from "node:crypto";
import { metaJson } from "./meta-json.ts";

/** A webhook delivery as Meta POSTs it: the exact bytes and the headers that go with them. */
export interface SignedDelivery {
  /** Raw body, escaped like Meta's (see meta-json.ts). Re-send it unchanged to simulate a redelivery. */
  body: string;
  headers: { "content-type": string; "x-hub-signature-256": string };
  /** `wamid.…` of the inbound message in this delivery. */
  messageId: string;
}

/** Options of {@link createWebhookSigner}. */
export interface WebhookSignerOptions {
  /** The app secret Meta signs with (`WHATSAPP_APP_SECRET` of the bot). */
  appSecret: string;
  /** The business phone number id the deliveries are addressed to. */
  phoneNumberId: string;
  /** The business number as displayed, digits only. */
  displayPhoneNumber?: string;
  /** WhatsApp Business Account id (the `entry[].id`). */
  wabaId?: string;
  /** Clock for the `timestamp` fields; default `Date.now`. */
  now?: () => number;
}

/** Who sends a message and what it quotes. */
export interface Sender {
  /** WhatsApp ID of the customer (digits, e.g. `242061234567`). */
  from: string;
  /** Profile name shown in `contacts[].profile.name`. */
  name?: string;
  /** The `wamid` of the bot message being answered (buttons and lists quote it). */
  replyTo?: string;
}

/** Builds signed deliveries for each inbound message kind the bot understands. */
export interface WebhookSigner {
  text(sender: Sender, body: string): SignedDelivery;
  buttonReply(sender: Sender, reply: { id: string; title: string }): SignedDelivery;
  listReply(sender: Sender, reply: { id: string; title: string; description?: string }): SignedDelivery;
  location(
    sender: Sender,
    place: { latitude: number; longitude: number; name?: string; address?: string },
  ): SignedDelivery;
  /** A voice note recorded in WhatsApp: `audio` with `voice: true`, the media uploaded beforehand. */
  voiceNote(sender: Sender, audio: { mediaId: string; mimeType: string }): SignedDelivery;
  /** A photo (`image`) whose bytes were uploaded to the Graph stand-in first, as Meta holds a user's media. */
  image(sender: Sender, image: { mediaId: string; mimeType: string; caption?: string }): SignedDelivery;
  /** A cart sent from the business's catalogue (`order`): the retailer ids, quantities and prices the user saw. */
  cart(
    sender: Sender,
    order: {
      catalogId: string;
      text?: string;
      items: Array<{ productRetailerId: string; quantity: number; itemPrice: number; currency?: string }>;
    },
  ): SignedDelivery;
  /** A WhatsApp Flow completed (`nfm_reply`): `response` is what the Flow's last action sent, `flow_token` included. */
  flowReply(sender: Sender, response: Record<string, unknown>): SignedDelivery;
  /** A non-message change (`message_template_status_update`, `account_update`, `calls`, `user_preferences`…) with its `value` as Meta sends it. */
  change(field: string, value: Record<string, unknown>): SignedDelivery;
  /** Signs arbitrary bytes the way Meta does: `sha256=` + hex HMAC-SHA256 with the app secret. */
  sign(rawBody: string | Uint8Array): string;
}

/** A fresh message id in Meta's shape (`wamid.` + base64). */
export function newWamid(): string {
  return `wamid.${randomBytes(24).toString("base64")}`;
}

/**
 * Creates a signer that turns "customer X says Y" into the exact POST Meta would send:
 * `object` / `entry[]` / `changes[]` / `value` with `metadata`, `contacts` and `messages`,
 * serialised with Meta's escaping and signed in `X-Hub-Signature-256` over those raw bytes.
 * @example
 * const signer = createWebhookSigner({ appSecret: "s3cret", phoneNumberId: "1234" });
 * const d = signer.text({ from: "242061234567", name: "Grace" }, "Bonjour");
 * await fetch(`${bot}/webhook`, { method: "POST", headers: d.headers, body: d.body });
 */
export function createWebhookSigner(options: WebhookSignerOptions): WebhookSigner {
  const now = options.now ?? Date.now;
  const displayPhoneNumber = options.displayPhoneNumber ?? "242050000000";
  const wabaId = options.wabaId ?? "102290129340398";

  const sign = (rawBody: string | Uint8Array): string =>
    `sha256=${createHmac("sha256", options.appSecret).update(rawBody).digest("hex")}`;

  const signed = (payload: unknown, id: string): SignedDelivery => {
    const body = metaJson(payload);
    return { body, headers: { "content-type": "application/json", "x-hub-signature-256": sign(body) }, messageId: id };
  };

  const deliver = (sender: Sender, message: Record<string, unknown>): SignedDelivery => {
    const id = newWamid();
    const payload = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: wabaId,
          changes: [
            {
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: displayPhoneNumber, phone_number_id: options.phoneNumberId },
                contacts: [{ profile: { name: sender.name ?? "Client" }, wa_id: sender.from }],
                messages: [
                  {
                    ...(sender.replyTo ? { context: { from: displayPhoneNumber, id: sender.replyTo } } : {}),
                    from: sender.from,
                    id,
                    timestamp: String(Math.floor(now() / 1000)),
                    ...message,
                  },
                ],
              },
              field: "messages",
            },
          ],
        },
      ],
    };
    return signed(payload, id);
  };

  return {
    sign,
    text: (sender, body) => deliver(sender, { type: "text", text: { body } }),
    buttonReply: (sender, reply) =>
      deliver(sender, { type: "interactive", interactive: { type: "button_reply", button_reply: reply } }),
    listReply: (sender, reply) =>
      deliver(sender, { type: "interactive", interactive: { type: "list_reply", list_reply: reply } }),
    location: (sender, place) => deliver(sender, { type: "location", location: place }),
    cart: (sender, order) =>
      deliver(sender, {
        type: "order",
        order: {
          catalog_id: order.catalogId,
          ...(order.text ? { text: order.text } : {}),
          product_items: order.items.map((i) => ({
            product_retailer_id: i.productRetailerId,
            quantity: i.quantity,
            item_price: i.itemPrice,
            currency: i.currency ?? "XAF",
          })),
        },
      }),
    flowReply: (sender, response) =>
      deliver(sender, {
        type: "interactive",
        interactive: {
          type: "nfm_reply",
          nfm_reply: { name: "flow", body: "Sent", response_json: JSON.stringify(response) },
        },
      }),
    change: (field, value) =>
      signed(
        {
          object: "whatsapp_business_account",
          entry: [{ id: wabaId, time: Math.floor(now() / 1000), changes: [{ field, value }] }],
        },
        "",
      ),
    voiceNote: (sender, audio) =>
      deliver(sender, { type: "audio", audio: { mime_type: audio.mimeType, id: audio.mediaId, voice: true } }),
    image: (sender, image) =>
      deliver(sender, {
        type: "image",
        image: { mime_type: image.mimeType, id: image.mediaId, ...(image.caption ? { caption: image.caption } : {}) },
      }),
  };
}
