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
  | { type: string };

/** What a step receives: the inbound content reduced to what a conversation needs. */
export type UserInput =
  | { kind: "text"; text: string }
  | { kind: "choice"; id: string; title: string }
  | { kind: "location"; latitude: number; longitude: number; name?: string; address?: string }
  | { kind: "media"; mediaType: string; mediaId: string; caption?: string }
  | { kind: "other"; type: string };

const mediaTypes = new Set(["image", "video", "audio", "document", "sticker"]);

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** Reduces an inbound message to a {@link UserInput}; never throws on unknown shapes. */
export function toUserInput(content: InboundContent): UserInput {
  const c = content as Record<string, unknown> & { type: string };
  switch (c.type) {
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
