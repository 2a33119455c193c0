import { z } from "zod";
import type { Operator, PaymentProvider } from "../core/types.js";
import type { PaymentsLogger } from "../logger.js";
import { validate } from "../validate.js";
import type { PaymentStore, StoredPayment } from "./payment-store.js";

/** Options of {@link PaymentCollector}. */
export interface PaymentCollectorOptions {
  /** One provider per operator you collect with, e.g. `{ mtn: new MtnMomoCollection(…), airtel: new AirtelMoneyCollection(…) }`. */
  providers: Partial<Record<Operator, PaymentProvider>>;
  /** Where payments are kept before the provider is called. Default: a {@link MemoryPaymentStore}. */
  store?: PaymentStore;
  /**
   * Called once per payment when it succeeds or fails for good (again after a crash between the settlement
   * and this call's end: make it idempotent, e.g. keyed by `payment.id`).
   */
  onSettled?: (payment: StoredPayment) => void | Promise<void>;
  /**
   * Called once for a payment the collector had failed as `expired` while its provider still reported it in
   * progress, and that the payer approved afterwards (found within `lateCheckMs`): the money moved although
   * `onSettled` said failed. Deliver it (the customer may still be waiting) or refund it. Again after a crash
   * before its end: make it idempotent. Without it, the late success is logged as an error.
   */
  onLateSuccess?: (payment: StoredPayment) => void | Promise<void>;
  /** First status query this long after the request, in ms. Default 3000. */
  firstPollMs?: number;
  /** Each following wait is multiplied by this. Default 2. */
  pollFactor?: number;
  /** Longest wait between two status queries, in ms. Default 30000. */
  maxPollMs?: number;
  /** A payment still pending this long after it was created is failed as `expired`. Default 600000 (10 min). */
  expiresAfterMs?: number;
  /**
   * How long a payment failed as `expired` while its provider still had it in progress (MTN `PENDING`, Airtel
   * `TIP` or `TA`) is still queried, in ms: the payer may approve late. Default 3600000 (1 h); 0 stops at once.
   */
  lateCheckMs?: number;
  /** How many times a request the provider has no record of is sent again (same id). Default 3. */
  maxRequestAttempts?: number;
  /**
   * After {@link PaymentCollector.resumePending}, the store is read again this often, in ms: pending payments
   * no live process polls (their process died) are taken over, and an `onSettled` that failed is called
   * again. Default 30000; 0 turns it off (then only a start resumes).
   */
  resumeEveryMs?: number;
  /**
   * How long a process's claim on a payment it polls lasts without being renewed, in ms, with a store that
   * keeps leases (`RedisPaymentStore`). Renewed at each poll and each periodic resume, so it must be longer
   * than both `maxPollMs` and `resumeEveryMs`; another process takes a payment over this long after its
   * poller died. Default 90000.
   */
  leaseMs?: number;
  /** Receives what went wrong; silent by default. Never given a key or token. */
  logger?: PaymentsLogger;
  /** Epoch ms; for tests. Default `Date.now`. */
  now?: () => number;
}

const fn = <T>(rule: string) => z.custom<T>((v) => typeof v === "function", rule);
const provider = z.custom<PaymentProvider>(
  (v) =>
    typeof v === "object" &&
    v !== null &&
    typeof (v as PaymentProvider).requestPayment === "function" &&
    typeof (v as PaymentProvider).getPayment === "function",
  "must be a PaymentProvider (requestPayment, getPayment, parseCallback)",
);

const schema = z.strictObject({
  providers: z
    .strictObject({ mtn: provider.optional(), airtel: provider.optional() })
    .refine((p) => p.mtn !== undefined || p.airtel !== undefined, "at least one of mtn, airtel"),
  store: z
    .custom<PaymentStore>(
      (v) => typeof v === "object" && v !== null && typeof (v as PaymentStore).settle === "function",
      "must be a PaymentStore",
    )
    .optional(),
  onSettled: fn<(payment: StoredPayment) => void | Promise<void>>("must be a function").optional(),
  onLateSuccess: fn<(payment: StoredPayment) => void | Promise<void>>("must be a function").optional(),
  firstPollMs: z.number().int().min(0).default(3000),
  pollFactor: z.number().min(1).default(2),
  maxPollMs: z.number().int().min(0).default(30_000),
  expiresAfterMs: z.number().int().positive().default(600_000),
  lateCheckMs: z.number().int().min(0).default(3_600_000),
  maxRequestAttempts: z.number().int().min(1).max(10).default(3),
  resumeEveryMs: z.number().int().min(0).default(30_000),
  leaseMs: z.number().int().positive().default(90_000),
  logger: z
    .custom<PaymentsLogger>(
      (v) => typeof v === "object" && v !== null && typeof (v as PaymentsLogger).warn === "function",
      "must have debug, info, warn and error methods",
    )
    .optional(),
  now: fn<() => number>("must be a function").optional(),
});

// A lease renewed less often than it lasts would pass to another process while its holder still polls.
const checked = schema.refine((o) => o.leaseMs > o.maxPollMs && o.leaseMs > o.resumeEveryMs, {
  path: ["leaseMs"],
  message: "must be longer than maxPollMs and resumeEveryMs",
});

/** Validated options with defaults. */
export type ResolvedCollectorOptions = z.output<typeof checked>;

/** Validates the options; errors name the field as `options.<field>`. */
export function resolveCollectorOptions(options: PaymentCollectorOptions): ResolvedCollectorOptions {
  return validate(checked, options, "options");
}
