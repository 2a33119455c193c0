/**
 * @toktok/payments — Mobile Money collection (MTN MoMo, Airtel Money) that never charges twice.
 * @packageDocumentation
 */

export { AirtelMoneyCollection } from "./airtel/airtel-money-collection.js";
export type { AirtelMoneyCollectionOptions } from "./airtel/options.js";
export { AIRTEL_PRODUCTION_URL, AIRTEL_STAGING_URL } from "./airtel/options.js";
export type { PaymentLeases } from "./collector/leases.js";
export type { PaymentCollectorOptions } from "./collector/options.js";
export type { CollectInput } from "./collector/payment-collector.js";
export { PaymentCollector } from "./collector/payment-collector.js";
export type { PaymentStore, PendingPatch, Settlement, StoredPayment } from "./collector/payment-store.js";
export { MemoryPaymentStore } from "./collector/payment-store.js";
export type { PaymentsRedisClient, RedisPaymentStoreOptions } from "./collector/redis-payment-store.js";
export { RedisPaymentStore } from "./collector/redis-payment-store.js";
export type {
  CallOptions,
  FailureReason,
  Operator,
  PaymentProvider,
  PaymentRequest,
  PaymentStatus,
  ProviderPayment,
} from "./core/types.js";
export { FAILURE_REASONS } from "./core/types.js";
export type { PaymentsErrorCode, PaymentsErrorOptions, ProviderErrorInit, ValidationIssue } from "./errors.js";
export {
  PaymentsAbortError,
  PaymentsError,
  PaymentsProviderError,
  PaymentsTimeoutError,
  PaymentsValidationError,
} from "./errors.js";
export type { PaymentsLogger } from "./logger.js";
export { MtnMomoCollection } from "./mtn/mtn-momo-collection.js";
export type { MtnMomoCollectionOptions } from "./mtn/options.js";
export { MTN_PRODUCTION_URL, MTN_SANDBOX_URL } from "./mtn/options.js";
export { airtelMsisdn, congoNationalNumber, detectOperator, mtnMsisdn } from "./phone/operator.js";
