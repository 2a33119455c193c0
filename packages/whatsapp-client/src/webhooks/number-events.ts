// Events tied to one business number besides messages and statuses: calls, user preferences,
// clicks on marketing messages, groups, Click-to-WhatsApp automatic events, and the WhatsApp Business app ("coexistence") fields smb_message_echoes,
// smb_app_state_sync and history.
import type { NumberScope, WebhookErrorDetail } from "./event-base.js";
import type { InboundMessage } from "./message-types.js";

/** A WhatsApp call started, was answered, rejected or ended (`calls`). */
export interface CallEvent extends NumberScope {
  kind: "call";
  /** The `wacid.…` id. */
  id: string;
  from: string;
  to: string;
  /** `connect`, `terminate`, or a newer value kept as is. */
  event: string;
  timestamp: Date;
  /** `USER_INITIATED` or `BUSINESS_INITIATED`. */
  direction?: string;
  /** On `terminate`: `COMPLETED` or `FAILED`. */
  status?: string;
  startedAt?: Date;
  endedAt?: Date;
  durationSeconds?: number;
  bizOpaqueCallbackData?: string;
  /** The SDP offer or answer of a `connect`. */
  session?: { sdpType: string; sdp: string };
  errors?: WebhookErrorDetail[];
  raw: Record<string, unknown>;
}

/** A message the business sent from the WhatsApp Business app or a linked device (`smb_message_echoes`). */
export interface MessageEchoEvent extends NumberScope {
  kind: "message_echo";
  id: string;
  /** The business number. */
  from: string;
  /** The user it was sent to. */
  to: string;
  timestamp: Date;
  message: InboundMessage;
  raw: Record<string, unknown>;
}

/** A contact added, edited or removed in the WhatsApp Business app (`smb_app_state_sync`). */
export interface ContactSyncEvent extends NumberScope {
  kind: "contact_sync";
  /** `add` (added or edited) or `remove`. */
  action: string;
  phoneNumber: string;
  fullName?: string;
  firstName?: string;
  timestamp?: Date;
}

/** One message of a synchronised chat history. */
export interface HistoryMessage {
  id: string;
  from: string;
  to?: string;
  timestamp: Date;
  /** `history_context.status`: e.g. `READ`, `DELIVERED`, `PLAYED`. */
  status?: string;
  message: InboundMessage;
}

/**
 * One chunk of the WhatsApp Business app chat history, shared when the business was onboarded (`history`).
 * `progress` reaches 100 when the synchronisation is complete.
 */
export interface HistoryEvent extends NumberScope {
  kind: "history";
  /** 0 (day 0–1), 1 (day 1–90) or 2 (day 90–180). */
  phase?: number;
  chunkOrder?: number;
  progress?: number;
  threads: Array<{ userId: string; messages: HistoryMessage[] }>;
}

/** A user stopped or resumed marketing messages from the business (`user_preferences`). */
export interface UserPreferenceEvent extends NumberScope {
  kind: "user_preference";
  /** The user's WhatsApp ID. */
  waId: string;
  contactName?: string;
  /** `marketing_messages`. */
  category: string;
  /** `stop` or `resume`. */
  value: "stop" | "resume" | (string & {});
  detail?: string;
  timestamp: Date;
}

/**
 * A group was created, deleted, changed, suspended, or its participants changed (`group_*` fields).
 * `field` and `type` say which.
 */
export interface GroupEvent extends NumberScope {
  kind: "group";
  /**
   * `group_lifecycle_update`, `group_participants_update`, `group_settings_update` or `group_status_update`
   * (`group_participant_update`, the name in Meta's OpenAPI enum, is read the same way).
   */
  field: string;
  groupId: string;
  /**
   * e.g. `group_create`, `group_delete`, `group_participants_add`, `group_participants_remove`,
   * `group_join_request_created`, `group_join_request_revoked`, `group_settings_update`, `group_suspend`,
   * `group_suspend_cleared`.
   */
  type: string;
  requestId?: string;
  timestamp: Date;
  subject?: string;
  /** The WhatsApp ID of the user who acted, e.g. the participant who left. */
  initiatedBy?: string;
  /** WhatsApp IDs added or removed. */
  addedParticipants: string[];
  removedParticipants: string[];
  /** Why a request failed, in whole or in part. */
  errors?: WebhookErrorDetail[];
  raw: Record<string, unknown>;
}

/**
 * A purchase or a lead Meta detected in a chat opened from a Click-to-WhatsApp ad (`automatic_events`),
 * for a business that opted in to automatic events.
 */
export interface AutomaticEvent extends NumberScope {
  kind: "automatic_event";
  /** The message in which the event was detected (`wamid.…`). */
  messageId: string;
  /** `Purchase` or `LeadSubmitted`. */
  eventName: "Purchase" | "LeadSubmitted" | (string & {});
  timestamp: Date;
  /** The ad click id; absent for an ad shown in WhatsApp Status. */
  ctwaClid?: string;
  /** Purchases: the amount (Meta sends it multiplied by 1000 in `custom_data.value`; this is divided back). */
  amount?: number;
  /** Purchases: the currency code, e.g. `USD`. */
  currency?: string;
  raw: Record<string, unknown>;
}

/** Which part of a marketing message the user clicked (`marketing_messages_link_click_data`). */
export interface MarketingLinkClick {
  /** `cta` (the call-to-action button) or `body`. */
  clickComponent?: "cta" | "body" | (string & {});
  /** The click's id; Meta also appends it to the URL the user opens. */
  clickId?: string;
  /** The product id, when one was assigned in Ads Manager or the Marketing API. */
  productId?: string;
  /** Meta's internal tracking token. */
  trackingToken?: string;
}

/**
 * Something a user did with a message the business sent (`messages` → `user_actions[]`), e.g. a click
 * on the body or call-to-action of a marketing message sent with the Marketing Messages API.
 */
export interface UserActionEvent extends NumberScope {
  kind: "user_action";
  /** `marketing_messages_link_click`, or a newer value kept as is. */
  actionType: "marketing_messages_link_click" | (string & {});
  timestamp: Date;
  /** For `marketing_messages_link_click`. */
  linkClick?: MarketingLinkClick;
  raw: Record<string, unknown>;
}
