import type { InboundOrderItem } from "@toktok/whatsapp-client";

/**
 * An inbound WhatsApp message in the shape of a `@toktok/whatsapp-client` webhook
 * message event (`parseWebhookPayload` output with `kind: "message"`). Only the
 * fields the engine reads are required; extra fields are ignored.
 */
export interface InboundMessage {
  /** WhatsApp message id (`wamid.…`), used to handle each message once. */
  id: string;
  /** Sender's WhatsApp ID (digits, e.g. `242061234567`). */
  from: string;
  timestamp?: Date;
  contactName?: string;
  message: InboundContent;
}

/** The typed content of an inbound message; unknown types are kept and ignored politely. */
export type InboundContent =
  | { type: "text"; text: string }
  | { type: "button_reply" | "list_reply"; replyId: string; title: string }
  | { type: "button"; payload: string; text: string }
  | { type: "location"; latitude: number; longitude: number; name?: string; address?: string }
  /** A cart sent from a WhatsApp catalogue. */
  | { type: "order"; catalogId: string; text?: string; items: CartItem[] }
  /** A WhatsApp Flow completed; `response` is the parsed `response_json` (it holds `flow_token`). */
  | { type: "nfm_reply"; name?: string; body?: string; response: unknown }
  /** The user edited an earlier message: `edited` is its new content. */
  | { type: "edit"; originalMessageId: string; edited: InboundContent }
  /** The user deleted an earlier message for everyone. */
  | { type: "revoke"; originalMessageId: string }
  /** The user opened the chat for the first time (WhatsApp's welcome trigger). */
  | { type: "request_welcome" }
  | { type: string };

/**
 * One line of a cart, as WhatsApp sends it: the product's retailer id, the quantity and the unit price
 * shown in the catalogue when the cart was sent. The webhook parser of `@toktok/whatsapp-client` owns the shape.
 */
export type CartItem = InboundOrderItem;

/** What a step receives: the inbound content reduced to what a conversation needs. */
export type UserInput =
  | { kind: "text"; text: string }
  | { kind: "choice"; id: string; title: string }
  | { kind: "location"; latitude: number; longitude: number; name?: string; address?: string }
  | { kind: "media"; mediaType: string; mediaId: string; caption?: string }
  /** A cart from a catalogue (`order` message); its prices are the ones the user saw, to be checked. */
  | { kind: "cart"; catalogId: string; items: CartItem[]; text?: string }
  /**
   * A WhatsApp Flow form submitted (`nfm_reply`): `fields` is what the form sent, without
   * `flow_token`, which is given apart (the engine ties it to the session that sent the form).
   */
  | { kind: "form"; flowToken?: string; name?: string; fields: Record<string, unknown> }
  /** `revoke` (a deleted message), `request_welcome`, an unknown type…: `type` says which. */
  | { kind: "other"; type: string };

const mediaTypes = new Set(["image", "video", "audio", "document", "sticker"]);

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The valid lines of a cart, or `undefined` when one is malformed (a cart is all or nothing). */
function cartItems(v: unknown): CartItem[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const items: CartItem[] = [];
  for (const raw of v) {
    if (!isRecord(raw)) return undefined;
    const productRetailerId = str(raw.productRetailerId);
    const quantity = num(raw.quantity);
    const itemPrice = num(raw.itemPrice);
    const currency = str(raw.currency);
    if (!productRetailerId || quantity === undefined || itemPrice === undefined || currency === undefined)
      return undefined;
    if (!Number.isInteger(quantity) || quantity < 1 || itemPrice < 0) return undefined;
    items.push({ productRetailerId, quantity, itemPrice, currency });
  }
  return items;
}

function formInput(c: Record<string, unknown>): UserInput {
  const response = isRecord(c.response) ? c.response : {};
  const { flow_token: token, ...fields } = response;
  const flowToken = str(token);
  const name = str(c.name);
  return {
    kind: "form",
    fields,
    ...(flowToken === undefined ? {} : { flowToken }),
    ...(name === undefined ? {} : { name }),
  };
}

/** An edit of an edit is read as its latest content; deeper nesting is not something WhatsApp sends. */
const maxEditDepth = 3;

/**
 * Reduces an inbound message to a {@link UserInput}; never throws on unknown shapes.
 * An edited message is read as its new content (it answers the pending step again).
 */
export function toUserInput(content: InboundContent): UserInput {
  return read(content, 0);
}

function read(content: InboundContent, depth: number): UserInput {
  const c = content as Record<string, unknown> & { type: string };
  switch (c.type) {
    case "edit":
      return isRecord(c.edited) && typeof c.edited.type === "string" && depth < maxEditDepth
        ? read(c.edited as InboundContent, depth + 1)
        : { kind: "other", type: "edit" };
    case "order": {
      const catalogId = str(c.catalogId);
      const items = cartItems(c.items);
      if (catalogId === undefined || items === undefined) return { kind: "other", type: "order" };
      const text = str(c.text);
      return { kind: "cart", catalogId, items, ...(text === undefined ? {} : { text }) };
    }
    case "nfm_reply":
      return formInput(c);
    case "text":
      return { kind: "text", text: str(c.text) ?? "" };
    case "button_reply":
    case "list_reply":
      return { kind: "choice", id: str(c.replyId) ?? "", title: str(c.title) ?? "" };
    case "button":
      return { kind: "choice", id: str(c.payload) ?? "", title: str(c.text) ?? "" };
    case "location": {
      const latitude = num(c.latitude);
      const longitude = num(c.longitude);
      if (latitude === undefined || longitude === undefined) return { kind: "other", type: "location" };
      const name = str(c.name);
      const address = str(c.address);
      return {
        kind: "location",
        latitude,
        longitude,
        ...(name === undefined ? {} : { name }),
        ...(address === undefined ? {} : { address }),
      };
    }
    default: {
      const mediaId = str(c.mediaId);
      if (mediaTypes.has(c.type) && mediaId !== undefined) {
        const caption = str(c.caption);
        return { kind: "media", mediaType: c.type, mediaId, ...(caption === undefined ? {} : { caption }) };
      }
      return { kind: "other", type: c.type };
    }
  }
}
