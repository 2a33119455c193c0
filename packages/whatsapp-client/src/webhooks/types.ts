/** An error object as WhatsApp puts it in statuses, messages and `value.errors`. */
export interface WebhookErrorDetail {
  code: number;
  title: string;
  message?: string;
  details?: string;
  href?: string;
}

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
  /** e.g. the user changed number (`systemType: "user_changed_number"`). */
  | { type: "system"; body: string; systemType?: string; newWaId?: string; waId?: string }
  /** A type WhatsApp cannot deliver (or this version does not know); `raw` keeps the object. */
  | { type: "unsupported"; originalType: string; errors: WebhookErrorDetail[]; raw: Record<string, unknown> };

/** Fields every event shares. */
interface EventBase {
  /** The WhatsApp Business Account id (`entry[].id`). */
  businessAccountId: string;
  /** The business phone number id the event concerns. */
  phoneNumberId: string;
  /** The business phone number as displayed. */
  displayPhoneNumber?: string;
}

/** A message a user sent to the business. */
export interface MessageEvent extends EventBase {
  kind: "message";
  /** The `wamid.…` id. */
  id: string;
  /** Sender's WhatsApp ID (digits). */
  from: string;
  timestamp: Date;
  /** Sender's profile name, when WhatsApp shares it. */
  contactName?: string;
  context?: InboundContext;
  referral?: InboundReferral;
  message: InboundMessage;
  /** The message object as received, unknown fields included. */
  raw: Record<string, unknown>;
}

/** Pricing of a status. */
export interface StatusPricing {
  billable?: boolean;
  pricingModel?: string;
  category?: string;
  type?: string;
}

/** Conversation of a status. */
export interface StatusConversation {
  id: string;
  originType?: string;
  expiresAt?: Date;
}

/** A delivery status of a message the business sent. */
export interface StatusEvent extends EventBase {
  kind: "status";
  /** Id of the message sent (`wamid.…`). */
  id: string;
  recipientId: string;
  /** `sent`, `delivered`, `read`, `played` (voice notes), `failed`, or a newer value kept as is. */
  status: "sent" | "delivered" | "read" | "played" | "failed" | (string & {});
  timestamp: Date;
  errors?: WebhookErrorDetail[];
  conversation?: StatusConversation;
  pricing?: StatusPricing;
  /** The `biz_opaque_callback_data` given at send time. */
  bizOpaqueCallbackData?: string;
  raw: Record<string, unknown>;
}

/** An error WhatsApp reports for the whole change (`value.errors`), not tied to one message. */
export interface ErrorEvent extends EventBase {
  kind: "error";
  error: WebhookErrorDetail;
}

/** What `parseWebhookPayload` returns, one per message, status and error of the delivery. */
export type WebhookEvent = MessageEvent | StatusEvent | ErrorEvent;
