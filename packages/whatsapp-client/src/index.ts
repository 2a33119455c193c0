/**
 * @toktok/whatsapp-client — WhatsApp Cloud API client and webhook toolkit.
 * Every public export of the package is listed here.
 * @packageDocumentation
 */

export type { LimiterDecision, SendLimiter } from "./client/limiter.js";
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
export type { DecryptedFlowRequest, FlowRequest, FlowResponse } from "./flows/crypto.js";
export { decryptFlowRequest, encryptFlowResponse } from "./flows/crypto.js";
export type { BusinessPublicKey } from "./flows/encryption-key.js";
export type { FlowEndpointHandler, FlowEndpointOptions } from "./flows/endpoint-handler.js";
export { createFlowEndpointHandler } from "./flows/endpoint-handler.js";
export type { FlowEndpointErrorCode } from "./flows/errors.js";
export { FlowEndpointError, FlowTokenNoLongerValidError } from "./flows/errors.js";
export {
  dataRef,
  flowCheckboxes,
  flowComplete,
  flowDataExchange,
  flowDatePicker,
  flowDropdown,
  flowFooter,
  flowIf,
  flowImage,
  flowNavigate,
  flowOptIn,
  flowRadioButtons,
  flowSwitch,
  flowTextArea,
  flowTextBody,
  flowTextHeading,
  flowTextInput,
  formRef,
} from "./flows/flow-builders.js";
export type { FlowAction, FlowComponent, FlowOption, FlowOptions } from "./flows/flow-components.js";
export type { FlowJson, FlowJsonOptions, FlowScreen } from "./flows/flow-json.js";
export { flowJson, flowScreen } from "./flows/flow-json.js";
export type {
  CreateFlowInput,
  FlowCategory,
  FlowInfo,
  FlowValidationError,
  UpdateFlowMetadataInput,
} from "./flows/management.js";
export { FLOW_CATEGORIES } from "./flows/management.js";
export { formatXaf } from "./format.js";
export type { Logger } from "./logger.js";
export type { BlockFailure, BlockResult, UnblockResult } from "./management/block-users.js";
export type { BusinessProfile, BusinessProfileUpdate, BusinessVertical } from "./management/business-profile.js";
export { BUSINESS_VERTICALS } from "./management/business-profile.js";
export type { BotCommand, ConversationalAutomation } from "./management/conversational-automation.js";
export type { GraphPage, ListOptions } from "./management/graph-context.js";
export type { QrCode, QrImageFormat, QrImageOptions } from "./management/qr-codes.js";
export type { MediaKind } from "./media/limits.js";
export type { MediaDownload, MediaFile, MediaInfo } from "./media/media-api.js";
export type { CatalogContent, ProductContent, ProductListContent, ProductSection } from "./messages/commerce.js";
export type { FlowMessageContent, FlowMode } from "./messages/flow-message.js";
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
  DeliveryCodeParams,
  DeliveryDelayedParams,
  DeliveryUpdateParams,
  FeedbackRequestParams,
  MissionReminderParams,
  PaymentReminderParams,
  PromotionalOfferParams,
} from "./templates/business-templates.js";
export {
  businessTemplates,
  deliveryCode,
  deliveryDelayed,
  deliveryUpdate,
  feedbackRequest,
  missionReminder,
  paymentReminder,
  promotionalOffer,
} from "./templates/business-templates.js";
export type { CarouselCardInput } from "./templates/components.js";
export {
  carousel,
  catalogButton,
  copyCodeButton,
  flowButton,
  limitedTimeOffer,
  locationParameter,
  multiProductButton,
} from "./templates/components.js";
export type {
  CreateTemplateInput,
  ListTemplatesOptions,
  TemplateCategory,
  TemplateDefinitionButton,
  TemplateDefinitionComponent,
  TemplateInfo,
  UpdateTemplateInput,
} from "./templates/management.js";
export { TEMPLATE_CATEGORIES } from "./templates/management.js";
export {
  bodyComponent,
  currencyParameter,
  dateTimeParameter,
  documentParameter,
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
  LocationParameter,
  MediaParameter,
  TemplateButtonComponent,
  TemplateButtonParameter,
  TemplateCarouselCard,
  TemplateCarouselComponent,
  TemplateComponent,
  TemplateContent,
  TemplateLimitedTimeOfferComponent,
  TemplateParameter,
  TemplateProductSection,
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
  PartnerSolutionEvent,
  PaymentConfigurationEvent,
  PhoneNumberNameEvent,
  PhoneNumberQualityEvent,
  SecurityEvent,
} from "./webhooks/account-events.js";
export type { DedupeStore, MemoryDedupeStoreOptions } from "./webhooks/dedupe-store.js";
export { MemoryDedupeStore } from "./webhooks/dedupe-store.js";
export type { AccountScope, NumberScope, WebhookErrorDetail } from "./webhooks/event-base.js";
export type {
  RecordWebhookEvents,
  WebhookDelivery,
  WebhookHandler,
  WebhookHandlerOptions,
  WebhookHandlerStats,
} from "./webhooks/handler.js";
export { createWebhookHandler } from "./webhooks/handler.js";
export type {
  MarketingPreference,
  MarketingPreferencesOptions,
} from "./webhooks/marketing-preferences.js";
export { MarketingPreferences } from "./webhooks/marketing-preferences.js";
export type {
  InboundContact,
  InboundContext,
  InboundMedia,
  InboundMessage,
  InboundOrderItem,
  InboundReferral,
} from "./webhooks/message-types.js";
export type {
  AutomaticEvent,
  CallEvent,
  ContactSyncEvent,
  GroupEvent,
  HistoryEvent,
  HistoryMessage,
  MarketingLinkClick,
  MessageEchoEvent,
  UserActionEvent,
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
  TemplateRegistryOptions,
  TemplateSeed,
  TemplateState,
} from "./webhooks/template-registry.js";
export { TemplateRegistry } from "./webhooks/template-registry.js";
export type {
  ErrorEvent,
  MessageEvent,
  StatusConversation,
  StatusEvent,
  StatusPricing,
  UnknownEvent,
  WebhookEvent,
  WebhookEventKind,
} from "./webhooks/types.js";
export { WEBHOOK_EVENT_KINDS } from "./webhooks/types.js";
export type { SubscriptionQuery } from "./webhooks/verify.js";
export { verifySignature, verifySubscription } from "./webhooks/verify.js";
