/**
 * @toktok/whatsapp-client — WhatsApp Cloud API client and webhook toolkit.
 * Every public export of the package is listed here.
 * @packageDocumentation
 */

export type { LimiterDecision, SendLimiter } from "./client/limiter.js";
export type { Logger } from "./client/logger.js";
export type { WhatsAppClientOptions } from "./client/options.js";
export { DEFAULT_API_VERSION, DEFAULT_BASE_URL } from "./client/options.js";
export type { RetryOptions } from "./client/retry.js";
export type { CallOptions } from "./client/transport.js";
export { WhatsAppClient } from "./client/whatsapp-client.js";
export type {
  NoAnswerOptions,
  ValidationIssue,
  WebhookErrorCode,
  WhatsAppApiErrorInit,
  WhatsAppErrorOptions,
} from "./errors.js";
export {
  PERMANENT_GRAPH_CODES,
  PhoneNumberError,
  RETRYABLE_GRAPH_CODES,
  WebhookError,
  WhatsAppAbortError,
  WhatsAppApiError,
  WhatsAppError,
  WhatsAppNetworkError,
  WhatsAppTimeoutError,
  WhatsAppValidationError,
} from "./errors.js";
export type { MediaKind } from "./media/limits.js";
export type { MediaDownload, MediaFile, MediaInfo } from "./media/media-api.js";
export type {
  AudioContent,
  ContactCard,
  CtaUrlContent,
  DocumentContent,
  ImageContent,
  InteractiveHeader,
  ListContent,
  ListRow,
  ListSection,
  LocationContent,
  MarkAsReadOptions,
  MediaSource,
  ReplyButton,
  ReplyButtonsContent,
  SendOptions,
  SendResult,
  StickerContent,
  TextOptions,
  VideoContent,
} from "./messages/types.js";
export type { NormalizePhoneOptions } from "./phone/normalize-phone.js";
export { normalizePhone } from "./phone/normalize-phone.js";
export type {
  DeliveryDelayedParams,
  FeedbackRequestParams,
  MissionReminderParams,
  PaymentReminderParams,
  PromotionalOfferParams,
} from "./templates/business-templates.js";
export {
  businessTemplates,
  deliveryDelayed,
  feedbackRequest,
  missionReminder,
  paymentReminder,
  promotionalOffer,
} from "./templates/business-templates.js";
export {
  bodyComponent,
  currencyParameter,
  dateTimeParameter,
  documentParameter,
  formatXaf,
  headerComponent,
  imageParameter,
  quickReplyButton,
  textParameter,
  urlButton,
  videoParameter,
} from "./templates/parameters.js";
export type {
  CurrencyParameter,
  DateTimeParameter,
  MediaParameter,
  TemplateButtonComponent,
  TemplateButtonParameter,
  TemplateComponent,
  TemplateContent,
  TemplateParameter,
  TemplateTextComponent,
  TextParameter,
} from "./templates/types.js";
export type {
  AccountAlertEvent,
  AccountRestriction,
  AccountReviewEvent,
  AccountUpdateEvent,
  BusinessCapabilityEvent,
  FlowEvent,
  PhoneNumberNameEvent,
  PhoneNumberQualityEvent,
  SecurityEvent,
} from "./webhooks/account-events.js";
export type { DedupeStore, MemoryDedupeStoreOptions } from "./webhooks/dedupe-store.js";
export { MemoryDedupeStore } from "./webhooks/dedupe-store.js";
export type {
  RecordWebhookEvents,
  WebhookDelivery,
  WebhookHandler,
  WebhookHandlerOptions,
  WebhookHandlerStats,
} from "./webhooks/handler.js";
export { createWebhookHandler } from "./webhooks/handler.js";
export type {
  CallEvent,
  ContactSyncEvent,
  GroupEvent,
  HistoryEvent,
  HistoryMessage,
  MessageEchoEvent,
  UserPreferenceEvent,
} from "./webhooks/number-events.js";
export type { ParseWebhookOptions } from "./webhooks/parse.js";
export { parseWebhookPayload } from "./webhooks/parse.js";
export type {
  QualityRating,
  TemplateButtonInfo,
  TemplateCategoryEvent,
  TemplateComponentsEvent,
  TemplateQualityEvent,
  TemplateRef,
  TemplateStatus,
  TemplateStatusEvent,
} from "./webhooks/template-events.js";
export type {
  AccountScope,
  ErrorEvent,
  InboundContact,
  InboundContext,
  InboundMedia,
  InboundMessage,
  InboundOrderItem,
  InboundReferral,
  MessageEvent,
  NumberScope,
  StatusConversation,
  StatusEvent,
  StatusPricing,
  UnknownEvent,
  WebhookErrorDetail,
  WebhookEvent,
  WebhookEventKind,
} from "./webhooks/types.js";
export { WEBHOOK_EVENT_KINDS } from "./webhooks/types.js";
export type { SubscriptionQuery } from "./webhooks/verify.js";
export { verifySignature, verifySubscription } from "./webhooks/verify.js";
