/**
 * @toktok/flows — the WhatsApp conversation engine, the built-in TokTok flows
 * (auth, courier, marketplace, driver, merchant, tracking) and status notifications.
 * Every export of the package is listed here.
 * @packageDocumentation
 */

// One XAF formatter across the packages: whatsapp-client owns it (flows depends on it; analytics cannot).
export { formatXaf } from "@toktok/whatsapp-client";
export { type CatalogueCache, HttpBackend, type HttpBackendOptions } from "./backend/http-backend.js";
export { MemoryBackend, type MemoryBackendOptions } from "./backend/memory-backend.js";
export { distanceKm, formatReference, quoteCourier } from "./backend/pricing.js";
export { brazzavilleSeed, type SeedData } from "./backend/seed.js";
export type {
  CallOptions,
  Category,
  CourierQuote,
  Driver,
  Merchant,
  Mission,
  MissionPayment,
  MissionProof,
  NewMission,
  NewOrder,
  NewUser,
  Order,
  OrderItem,
  Place,
  Product,
  StatusChange,
  TokTokBackend,
  User,
} from "./backend/types.js";
export { MemoryJobQueue, type MemoryJobQueueOptions } from "./delivery/memory-job-queue.js";
export { MemoryMailbox, type MemoryMailboxOptions } from "./delivery/memory-mailbox.js";
export { RedisMailbox, type RedisMailboxOptions } from "./delivery/redis-mailbox.js";
export { type ClockTimer, systemClock, type TimerClock } from "./delivery/timer-clock.js";
export type {
  AmbiguousSendPolicy,
  DeliveryStats,
  JobCounts,
  JobHandler,
  JobOutcome,
  JobQueue,
  Mailbox,
  OutboxEntry,
} from "./delivery/types.js";
export { type CompletionSink, type DispatchDay, dispatchDay } from "./dispatch/completion.js";
export {
  type AcceptOutcome,
  createDispatcher,
  type DispatchBackend,
  Dispatcher,
  type DispatcherOptions,
  type DispatchMessenger,
} from "./dispatch/dispatcher.js";
export { type DriverDay, driverDay } from "./dispatch/driver-day.js";
export { driverPositions } from "./dispatch/driver-positions.js";
export { MemoryDispatchStore } from "./dispatch/memory-dispatch-store.js";
export type { DispatchSettings } from "./dispatch/options.js";
export type { DeliveryProof } from "./dispatch/proof.js";
export type { ProofPhotoOptions } from "./dispatch/proof-photos.js";
export { MemoryProofStore, type ProofPhoto, type ProofStore, type StoredProof } from "./dispatch/proof-store.js";
export { RedisDispatchStore, type RedisDispatchStoreOptions } from "./dispatch/redis-dispatch-store.js";
export type { DeliveryPromise, DispatchStore, DriverState, GeoPoint } from "./dispatch/types.js";
export { withDispatch } from "./dispatch/with-dispatch.js";
export {
  allMissionStatuses,
  allOrderStatuses,
  type ConversationOwner,
  type DriverStatusUpdate,
  type HandoffTrigger,
  handoffTriggers,
  isOrderBeforePickup,
  type MissionStatus,
  missionStatuses,
  type OrderStatus,
  type OwnershipState,
  operatorOf,
  orderStatuses,
  ownershipStateOf,
  ownershipStates,
  type PaymentMethod,
  type ProofKind,
  paymentMethods,
  proofKinds,
  type Role,
  roles,
} from "./domain.js";
export type { AnalyticsSink } from "./engine/analytics.js";
export { type Command, detectCommand, normalizeWords } from "./engine/commands.js";
export {
  createFlowEngine,
  type DeliveryOptions,
  FlowEngine,
  type FlowEngineOptions,
  type HandleResult,
} from "./engine/engine.js";
export { KeyedQueue } from "./engine/keyed-queue.js";
export type { LatePayment, LatePaymentHandler } from "./engine/late-payment.js";
export type { LocationHook, SharedLocation } from "./engine/location-hook.js";
export type { RateLimiterLike } from "./engine/rate-limit.js";
export { smartUnderstanding } from "./engine/smart-understanding.js";
export {
  type Completion,
  defineFlow,
  END,
  type Flow,
  type FlowContext,
  type FlowDefinition,
  type FlowOpening,
  flowSteps,
  type ParseResult,
  type Step,
} from "./engine/types.js";
export type {
  DeliveryDetails,
  ExplainField,
  Intent,
  MaybePromise,
  SyncUnderstanding,
  Understanding,
} from "./engine/understanding.js";
export type { HandledInfo } from "./engine/user-drain.js";
export {
  isVoiceNote,
  type MediaDownloader,
  type UnheardReason,
  type VoiceNoteOptions,
  type VoiceNoteReading,
  type VoiceTranscriber,
} from "./engine/voice-note.js";
export {
  BackendError,
  ConflictError,
  FlowsAbortError,
  FlowsError,
  type FlowsErrorCode,
  FlowsValidationError,
  LockTimeoutError,
  NotFoundError,
  NotificationError,
  SessionConflictError,
} from "./errors.js";
export {
  type AuthData,
  type AuthFlowOptions,
  authFlow,
  identifyWith,
  toSessionUser,
} from "./flows/auth/auth-flow.js";
export {
  MERCHANT_FORM_SCREEN,
  type MerchantFormAnswers,
  merchantFormJson,
  merchantFormMessage,
} from "./flows/auth/merchant-form.js";
export { type BuiltInFlowsOptions, builtInFlows } from "./flows/built-in.js";
export { type CancelData, type CancelFlowOptions, cancelFlow } from "./flows/cancel/cancel-flow.js";
export { type CourierData, type CourierFlowOptions, courierFlow } from "./flows/courier/courier-flow.js";
export {
  COURIER_FORM_SCREEN,
  type CourierFormAnswers,
  type CourierFormMode,
  type CourierFormOptions,
  courierFormJson,
  courierFormMessage,
} from "./flows/courier/courier-form.js";
export {
  COURIER_DETAILS_SCREEN,
  COURIER_ROUTE_SCREEN,
  type CourierFormExchangeOptions,
  courierFormExchange,
} from "./flows/courier/courier-form-exchange.js";
export { type DriverData, type DriverFlowOptions, driverFlow } from "./flows/driver/driver-flow.js";
export {
  type FeedbackData,
  type FeedbackFlowOptions,
  feedbackFlow,
  ratingButtons,
} from "./flows/feedback/feedback-flow.js";
export { FeedbackLog, satisfactionOf } from "./flows/feedback/satisfaction.js";
export type { FeedbackSink, MissionFeedback, Satisfaction } from "./flows/feedback/types.js";
export {
  type MarketplaceData,
  type MarketplaceFlowOptions,
  marketplaceFlow,
} from "./flows/marketplace/marketplace-flow.js";
export { type MerchantData, type MerchantFlowOptions, merchantFlow } from "./flows/merchant/merchant-flow.js";
export {
  type RescheduleData,
  type RescheduleFlowOptions,
  rescheduleFlow,
} from "./flows/reschedule/reschedule-flow.js";
export { parseFrenchWhen } from "./flows/reschedule/when.js";
export {
  findReference,
  type TrackingData,
  type TrackingFlowOptions,
  trackingFlow,
} from "./flows/tracking/tracking-flow.js";
export { HandoffControl, type OwnershipResult } from "./handoff/control.js";
export { heldByPerson, ownerOf } from "./handoff/ownership.js";
export type { HandoffAvailability, HandoffChange, HandoffOptions } from "./handoff/types.js";
export { type Catalogue, catalogues } from "./i18n/catalogue.js";
export { brazzavilleDay, formatDateText } from "./i18n/date-text.js";
export { formatPhone } from "./i18n/format.js";
export type { LingalaTexts } from "./i18n/ln.js";
export type { Logger } from "./logger.js";
export type { CartItem, InboundContent, InboundMessage, UserInput } from "./messaging/inbound.js";
export { toUserInput } from "./messaging/inbound.js";
export {
  type CatalogMessage,
  type ContactCard,
  type FlowMessage,
  isOutsideWindowError,
  type ListRow,
  type ListSection,
  type Messenger,
  type ProductListMessage,
  type ReplyButton,
  type SentMessage,
  type TemplateComponent,
  type TemplateMessage,
} from "./messaging/messenger.js";
export type { Payload, PayloadDecoding, PayloadKind, PayloadValue } from "./messaging/payloads.js";
export { decodePayload, encodePayload, payloadKinds, payloadValue } from "./messaging/payloads.js";
export { clip, type Reply, reply, sendReply } from "./messaging/reply.js";
export {
  type MarketingConsent,
  type MarketingConsentBook,
  type MarketingConsentRecord,
  type MarketingConsentSource,
  type MarketingConsentState,
  MarketingConsents,
  type MarketingConsentsOptions,
} from "./notifications/marketing-consent.js";
export {
  createNotifier,
  type NotifierOptions,
  notifyMissionStatus,
  notifyOrderStatus,
} from "./notifications/notifier.js";
export { driverCard } from "./notifications/status-messages.js";
export {
  marketingTemplates,
  type TemplateHealth,
  type TemplateSkip,
  type TemplateSkipReason,
} from "./notifications/template-gate.js";
export { defaultTemplates, type TemplatePicker, type TemplateSubject } from "./notifications/templates.js";
export { missionTimeline, orderTimeline } from "./notifications/timeline.js";
export type { NotificationResult, Notifier } from "./notifications/types.js";
export {
  type MobileMoneyFailure,
  type MobileMoneyPayment,
  type MobileMoneyPayments,
  type MobileMoneyRequest,
  mobileMoneyFailures,
  paymentSettledMessage,
} from "./payments/mobile-money.js";
export { MemorySessionStore, type MemorySessionStoreOptions } from "./sessions/memory-store.js";
export type { RedisLike } from "./sessions/redis-client.js";
export { RedisUserLock, type RedisUserLockOptions } from "./sessions/redis-lock.js";
export { RedisSessionStore, type RedisSessionStoreOptions } from "./sessions/redis-store.js";
export { sessionLocales } from "./sessions/session-locales.js";
export type {
  ActiveFlow,
  HandoffRecord,
  Locale,
  PendingQuestion,
  Session,
  SessionStore,
  SessionUser,
  StoredSession,
  UserLock,
} from "./sessions/types.js";
export { LOCALES } from "./sessions/types.js";
