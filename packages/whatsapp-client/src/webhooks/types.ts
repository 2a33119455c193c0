// The union users switch on (`event.kind`), and the events of the `messages` field.
// The other fields' events live beside it, one file per family.
import type {
  AccountAlertEvent,
  AccountReviewEvent,
  AccountUpdateEvent,
  BusinessCapabilityEvent,
  FlowEvent,
  PartnerSolutionEvent,
  PaymentConfigurationEvent,
  PhoneNumberNameEvent,
  PhoneNumberQualityEvent,
  SecurityEvent,
} from "./account-events.js";
import type { AccountScope, NumberScope, WebhookErrorDetail } from "./event-base.js";
import type { InboundContext, InboundMessage, InboundReferral } from "./message-types.js";
import type {
  AutomaticEvent,
  CallEvent,
  ContactSyncEvent,
  GroupEvent,
  HistoryEvent,
  MessageEchoEvent,
  UserActionEvent,
  UserPreferenceEvent,
} from "./number-events.js";
import type {
  TemplateCategoryEvent,
  TemplateComponentsEvent,
  TemplateQualityEvent,
  TemplateStatusEvent,
} from "./template-events.js";

/** A message a user sent to the business. */
export interface MessageEvent extends NumberScope {
  kind: "message";
  /** The `wamid.…` id. */
  id: string;
  /** Sender's WhatsApp ID (digits). */
  from: string;
  timestamp: Date;
  /** Sender's profile name, when WhatsApp shares it. */
  contactName?: string;
  /** The group the message was sent in (Groups API); absent for a one-to-one chat. */
  groupId?: string;
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
export interface StatusEvent extends NumberScope {
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

/**
 * An error WhatsApp reports: for the whole change (`value.errors`, e.g. 131000 beside an
 * `interactive` message it could not deliver), or for one message (`messageId` and `from` set).
 */
export interface ErrorEvent extends NumberScope {
  kind: "error";
  error: WebhookErrorDetail;
  /** The message the error belongs to, for a message-level error. */
  messageId?: string;
  /** The sender of that message. */
  from?: string;
}

/**
 * What this version does not read, kept whole, never an exception: a field it does not know, or a
 * part of a known field's `value` it does not read (`key` set, e.g. an array Meta added to `messages`).
 */
export interface UnknownEvent extends AccountScope {
  kind: "unknown";
  /** The subscription field (`changes[].field`), e.g. a field Meta added after this version. */
  field: string;
  /** The business phone number id, when the change carries `metadata`. */
  phoneNumberId?: string;
  /** The key of the unread part of a known field's `value`; absent when the whole field is unknown. */
  key?: string;
  /** The change's `value` as received, or the unread part (`value[key]`) when `key` is set. */
  raw: unknown;
}

/** Every kind of event, one entry per Meta webhook family (see the README's events table). */
export const WEBHOOK_EVENT_KINDS = [
  "message",
  "status",
  "error",
  "call",
  "message_echo",
  "contact_sync",
  "history",
  "user_preference",
  "user_action",
  "group",
  "automatic_event",
  "template_status",
  "template_quality",
  "template_category",
  "template_components",
  "account_update",
  "account_review",
  "account_alert",
  "business_capability",
  "phone_number_name",
  "phone_number_quality",
  "security",
  "flow",
  "payment_configuration",
  "partner_solution",
  "unknown",
] as const;

/** The `kind` of a {@link WebhookEvent}. */
export type WebhookEventKind = (typeof WEBHOOK_EVENT_KINDS)[number];

/** What `parseWebhookPayload` returns: one per message, status, error, call, template or account change. */
export type WebhookEvent =
  | MessageEvent
  | StatusEvent
  | ErrorEvent
  | CallEvent
  | MessageEchoEvent
  | ContactSyncEvent
  | HistoryEvent
  | UserPreferenceEvent
  | UserActionEvent
  | GroupEvent
  | AutomaticEvent
  | TemplateStatusEvent
  | TemplateQualityEvent
  | TemplateCategoryEvent
  | TemplateComponentsEvent
  | AccountUpdateEvent
  | AccountReviewEvent
  | AccountAlertEvent
  | BusinessCapabilityEvent
  | PhoneNumberNameEvent
  | PhoneNumberQualityEvent
  | SecurityEvent
  | FlowEvent
  | PaymentConfigurationEvent
  | PartnerSolutionEvent
  | UnknownEvent;
