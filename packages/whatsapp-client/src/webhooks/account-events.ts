// Events of the account-level fields: account_update, account_review_update, account_alerts,
// business_capability_update, phone_number_name_update, phone_number_quality_update, security, flows,
// payment_configuration_update, partner_solutions.
import type { AccountScope } from "./event-base.js";

/** Fields of every account-level event. */
interface AccountChange extends AccountScope {
  /** When Meta triggered the change (`entry[].time`), when it says. */
  timestamp?: Date;
  /** The change's `value` as received. */
  raw: Record<string, unknown>;
}

/** One restriction put on the account (`restriction_info`). */
export interface AccountRestriction {
  /** e.g. `RESTRICTED_BIZ_INITIATED_MESSAGING`, `RESTRICTED_ADD_PHONE_NUMBER_ACTION`. */
  type: string;
  /** When it ends, when Meta says (a Unix time or an ISO date in its payloads). */
  expiresAt?: Date;
}

/**
 * The account was restricted, banned, reinstated, found in violation, deleted, offboarded, shared with
 * a partner… (`account_update`). `event` says which; the matching details are set.
 */
export interface AccountUpdateEvent extends AccountChange {
  kind: "account_update";
  /** e.g. `ACCOUNT_RESTRICTION`, `DISABLED_UPDATE`, `ACCOUNT_VIOLATION`, `ACCOUNT_DELETED`, `ACCOUNT_OFFBOARDED`. */
  event: string;
  /** `ACCOUNT_RESTRICTION`: what the account may no longer do. */
  restrictions: AccountRestriction[];
  /** `DISABLED_UPDATE`: the ban states (`SCHEDULE_FOR_DISABLE`, `DISABLE`, `REINSTATE`) and their date. */
  banStates?: string[];
  banDate?: string;
  /** `ACCOUNT_VIOLATION`: e.g. `SCAM`, `ADULT`. */
  violationType?: string;
  /** `BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE`: the country code. */
  country?: string;
}

/** The account's review ended or moved (`account_review_update`). */
export interface AccountReviewEvent extends AccountChange {
  kind: "account_review";
  /** `APPROVED`, `REJECTED`, `PENDING` or `DEFERRED`; only `APPROVED` accounts can use the API. */
  decision: string;
}

/** An alert about the business or a number: messaging limits, official account status… (`account_alerts`). */
export interface AccountAlertEvent extends AccountChange {
  kind: "account_alert";
  /** `BUSINESS`, `PHONE_NUMBER`, … and its id. */
  entityType: string;
  entityId: string;
  /** `CRITICAL`, `WARNING` or `INFORMATIONAL`. */
  severity: string;
  /** `ACTIVE` or `NONE`. */
  status: string;
  /** e.g. `INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED`, `OBA_APPROVED`. */
  alertType: string;
  description?: string;
}

/** Messaging or phone-number limits changed (`business_capability_update`). */
export interface BusinessCapabilityEvent extends AccountChange {
  kind: "business_capability";
  /** Deprecated by Meta (February 2026); -1 means unlimited. */
  maxDailyConversationsPerPhone?: number;
  /** The portfolio's messaging limit, e.g. `TIER_2K`, `TIER_UNLIMITED` (a number in older payloads). */
  maxDailyConversationsPerBusiness?: string;
  maxPhoneNumbersPerBusiness?: number;
  maxPhoneNumbersPerWaba?: number;
}

/** A display name review ended (`phone_number_name_update`). */
export interface PhoneNumberNameEvent extends AccountChange {
  kind: "phone_number_name";
  displayPhoneNumber: string;
  /** `APPROVED`, `DEFERRED`, `PENDING` or `REJECTED`. */
  decision: string;
  requestedName?: string;
  /** e.g. `NAME_FORMAT_UNACCEPTABLE`; absent when the name was accepted. */
  rejectionReason?: string;
}

/** A number's messaging limit or throughput changed (`phone_number_quality_update`). */
export interface PhoneNumberQualityEvent extends AccountChange {
  kind: "phone_number_quality";
  displayPhoneNumber: string;
  /** e.g. `UPGRADE`, `DOWNGRADE`, `FLAGGED`, `UNFLAGGED`, `ONBOARDING`, `THROUGHPUT_UPGRADE`. */
  event: string;
  /** e.g. `TIER_1K`, `TIER_UNLIMITED`. */
  currentLimit?: string;
  oldLimit?: string;
  maxDailyConversationsPerBusiness?: string;
}

/** Two-step verification changed on a number (`security`). */
export interface SecurityEvent extends AccountChange {
  kind: "security";
  displayPhoneNumber: string;
  /** `PIN_CHANGED`, `PIN_RESET_REQUEST` or `PIN_REQUEST_SUCCESS`. */
  event: string;
  /** The Meta Business Suite user who asked for the reset. */
  requester?: string;
}

/** A WhatsApp Flow changed status, or its endpoint crossed an alert threshold (`flows`). */
export interface FlowEvent extends AccountChange {
  kind: "flow";
  flowId: string;
  /** `FLOW_STATUS_CHANGE`, `ENDPOINT_ERROR_RATE`, `ENDPOINT_LATENCY`, `ENDPOINT_AVAILABILITY`, `CLIENT_ERROR_RATE`… */
  event: string;
  message?: string;
  /** Status change: e.g. `DRAFT` → `PUBLISHED`, `PUBLISHED` → `THROTTLED` / `BLOCKED`. */
  oldStatus?: string;
  newStatus?: string;
  /** Alerts: `ACTIVATED` or `DEACTIVATED`, and the threshold crossed. */
  alertState?: string;
  threshold?: number;
}

/** A payment configuration of Payments API India or Brazil was connected, disconnected or activated (`payment_configuration_update`). */
export interface PaymentConfigurationEvent extends AccountChange {
  kind: "payment_configuration";
  /** The name used in order details messages, e.g. `razorpay-prod`. */
  configurationName: string;
  /** `Active`, `Needs Connecting` or `Needs Testing`. */
  status: "Active" | "Needs Connecting" | "Needs Testing" | (string & {});
  /** The payment gateway, e.g. `razorpay`, `payu`, `billdesk`, `zaakpay`. */
  providerName?: string;
  /** The merchant account id at the gateway. */
  providerMid?: string;
  createdAt?: Date;
  updatedAt?: Date;
}

/** A Multi-Partner Solution was created or changed status (`partner_solutions`). `businessAccountId` is the business portfolio id. */
export interface PartnerSolutionEvent extends AccountChange {
  kind: "partner_solution";
  /** `SOLUTION_CREATED` or `SOLUTION_UPDATED`. */
  event: string;
  solutionId: string;
  /** `DRAFT`, `INITIATED`, `ACTIVE`, `REJECTED`, `PENDING_DEACTIVATION` or `DEACTIVATED`. */
  status: string;
}
