import type { WebhookErrorDetail } from "./event-base.js";

/** The `context` of an incoming message: what it replies to or was forwarded from. */
export interface InboundContext {
  /** Id of the message replied to. */
  id?: string;
  /** Sender of the message replied to. */
  from?: string;
  forwarded?: boolean;
  frequentlyForwarded?: boolean;
  /** Product the user asked about from a catalogue message. */
  referredProduct?: { catalogId: string; productRetailerId: string };
}

/** Click-to-WhatsApp ad or post the conversation started from. */
export interface InboundReferral {
  sourceUrl?: string;
  sourceId?: string;
  sourceType?: string;
  headline?: string;
  body?: string;
  mediaType?: string;
  imageUrl?: string;
  videoUrl?: string;
  thumbnailUrl?: string;
  ctwaClid?: string;
}

/** A media message (image, video, audio, document, sticker). */
export interface InboundMedia {
  type: "image" | "video" | "audio" | "document" | "sticker";
  mediaId: string;
  mimeType: string;
  sha256?: string;
  caption?: string;
  /** Documents only. */
  filename?: string;
  /** Audio only: true for a voice note recorded in WhatsApp. */
  voice?: boolean;
  /** Stickers only. */
  animated?: boolean;
  /**
   * A short-lived download URL (Graph v23.0 puts it in the webhook). It needs the access token,
   * like `getMediaUrl`'s; `downloadMedia(mediaId)` is the way that always works.
   */
  url?: string;
}

/** A contact card received from the user (snake_case turned into camelCase). */
export interface InboundContact {
  name: { formattedName: string; firstName?: string; lastName?: string };
  phones: Array<{ phone?: string; waId?: string; type?: string }>;
  emails: Array<{ email?: string; type?: string }>;
  org?: { company?: string; department?: string; title?: string };
  urls: Array<{ url?: string; type?: string }>;
  addresses: Array<Record<string, string>>;
  birthday?: string;
}

/** One line of an order sent from a catalogue. */
export interface InboundOrderItem {
  productRetailerId: string;
  quantity: number;
  itemPrice: number;
  currency: string;
}

/** The content of an incoming message, by `type`. */
export type InboundMessage =
  | { type: "text"; text: string }
  | InboundMedia
  | { type: "location"; latitude: number; longitude: number; name?: string; address?: string; url?: string }
  | { type: "contacts"; contacts: InboundContact[] }
  | { type: "button_reply"; replyId: string; title: string }
  | { type: "list_reply"; replyId: string; title: string; description?: string }
  /** A WhatsApp Flow completed; `response` is the parsed `response_json`. */
  | { type: "nfm_reply"; name?: string; body?: string; response: unknown }
  /** A quick-reply button of a template was tapped. */
  | { type: "button"; payload: string; text: string }
  /** `emoji` is absent when the user removed their reaction. */
  | { type: "reaction"; messageId: string; emoji?: string }
  | { type: "order"; catalogId: string; text?: string; items: InboundOrderItem[] }
  /**
   * e.g. the user changed number (`systemType: "user_changed_number"`), or stopped or resumed marketing
   * messages (`systemType: "user_preference_changed"`, with `marketing`).
   */
  | {
      type: "system";
      body: string;
      systemType?: string;
      newWaId?: string;
      waId?: string;
      /** `user_preference_changed`: the user's marketing choice. */
      marketing?: "stop" | "resume" | (string & {});
    }
  /** The user edited an earlier message (`originalMessageId`); `edited` is its new content. */
  | { type: "edit"; originalMessageId: string; edited: InboundMessage }
  /** The user deleted an earlier message for everyone. */
  | { type: "revoke"; originalMessageId: string }
  /** The user opened a chat with the business for the first time (welcome-message trigger). */
  | { type: "request_welcome" }
  /**
   * A type WhatsApp cannot deliver, one this version does not know, or a known type sent without its
   * content object (an `interactive` with error 131000); `raw` keeps the message object.
   */
  | { type: "unsupported"; originalType: string; errors: WebhookErrorDetail[]; raw: Record<string, unknown> };
