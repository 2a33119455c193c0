import { randomUUID } from "node:crypto";
import { z } from "zod";
import { paymentRequestFields, wholeXaf } from "../core/request-schema.js";
import type { Operator, PaymentProvider, PaymentRequest } from "../core/types.js";
import { PaymentsAbortError, PaymentsError, PaymentsProviderError, PaymentsValidationError } from "../errors.js";
import { type PaymentsLogger, silentLogger } from "../logger.js";
import { airtelMsisdn, detectOperator, mtnMsisdn } from "../phone/operator.js";
import { validate } from "../validate.js";
import { hasLeases } from "./leases.js";
import { type PaymentCollectorOptions, type ResolvedCollectorOptions, resolveCollectorOptions } from "./options.js";
import { MemoryPaymentStore, type PaymentStore, type Settlement, type StoredPayment } from "./payment-store.js";
import { expired, verdict } from "./verdict.js";

/** A payment to collect; see {@link PaymentCollector.collect}. Collecting the same `id` twice returns the first payment. */
export interface CollectInput extends PaymentRequest {
  /** The operator to charge; guessed from the number (`detectOperator`) when absent. */
  operator?: Operator;
  /** Your own data, stored with the payment and handed back (e.g. the conversation to resume); never sent to the provider. */
  metadata?: Record<string, string>;
}

const inputSchema = z
  .strictObject({
    ...paymentRequestFields,
    operator: z.enum(["mtn", "airtel"]).optional(),
    metadata: z
      .record(z.string().max(64), z.string().max(500))
      .refine((m) => Object.keys(m).length <= 20, "at most 20 keys")
      .optional(),
  })
  .refine(...wholeXaf);
const MSISDN = { mtn: mtnMsisdn, airtel: airtelMsisdn } as const;

/**
 * Collects Mobile Money payments so that a customer is never charged twice and an order never marked paid
 * wrongly. Each payment is stored before its provider is called; a timeout or a 5xx is resolved by querying
 * that id (sent again with the same id only when the provider has no record of it); a payment is paid only
 * when a status query says so and matches what was stored; callbacks only trigger a query; status is polled
 * with backoff until final, resumable after a restart; `onSettled` fires once per payment.
 * @example
 * const collector = new PaymentCollector({ providers: { mtn, airtel }, store, onSettled: (p) => confirmOrder(p) });
 * await collector.resumePending(); // at start-up
 * await collector.collect({ id: randomUUID(), amount: 7500, payer: "06 123 45 67", description: "Commande 42", externalId: "order-42" });
 */
export class PaymentCollector {
  readonly #options: ResolvedCollectorOptions;
  readonly #store: PaymentStore;
  readonly #logger: PaymentsLogger;
  readonly #now: () => number;
  readonly #timers = new Map<string, { timer: NodeJS.Timeout; polls: number }>();
  readonly #checks = new Map<string, Promise<StoredPayment | undefined>>();
  readonly #waiters = new Map<string, Array<(payment: StoredPayment) => void>>();
  /** Ids whose request is on the wire: a callback or poll meanwhile must not send it again. */
  readonly #sending = new Set<string>();
  /** Ids whose `onSettled` runs now: a periodic resume meanwhile must not call it again. */
  readonly #notifying = new Set<string>();
  /** This collector's name on the leases it holds (see `PaymentLeases`). */
  readonly #owner = randomUUID();
  #resumer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: PaymentCollectorOptions) {
    this.#options = resolveCollectorOptions(options);
    this.#store = this.#options.store ?? new MemoryPaymentStore();
    this.#logger = this.#options.logger ?? silentLogger;
    this.#now = this.#options.now ?? Date.now;
  }

  /**
   * Stores the payment, then asks its provider for it. Resolves the stored payment (usually still `pending`:
   * the payer has to approve on the phone); its outcome comes through `onSettled` or {@link settled}.
   * Throws `PaymentsValidationError` (nothing stored) when the input breaks a rule or no provider fits.
   */
  async collect(input: CollectInput): Promise<StoredPayment> {
    const req = validate(inputSchema, input, "input");
    const operator = req.operator ?? detectOperator(req.payer);
    if (operator === undefined) {
      throw new PaymentsValidationError([
        { field: "input.payer", rule: "not an MTN (06) or Airtel (05, 04) number: give operator" },
      ]);
    }
    const provider = this.#options.providers[operator];
    if (provider === undefined) {
      throw new PaymentsValidationError([{ field: "input.operator", rule: `no ${operator} provider configured` }]);
    }
    if (MSISDN[operator](req.payer) === undefined) {
      throw new PaymentsValidationError([{ field: "input.payer", rule: "must be a phone number" }]);
    }
    const now = this.#now();
    const payment: StoredPayment = {
      id: req.id,
      operator,
      amount: req.amount,
      currency: req.currency ?? provider.currency,
      externalId: req.externalId ?? req.id,
      payer: req.payer,
      description: req.description,
      status: "pending",
      phase: "requesting",
      requestAttempts: 0,
      createdAt: now,
      expiresAt: now + this.#options.expiresAfterMs,
      notified: false,
      ...(req.metadata === undefined ? {} : { metadata: req.metadata }),
    };
    if (!(await this.#store.create(payment))) {
      // Same id again (a double tap, a redelivered message): never a second request.
      return (await this.#store.get(req.id)) as StoredPayment;
    }
    await this.#lease(payment.id);
    // The provider may have recorded the request although its answer was lost: ask before anything else.
    if (!(await this.#send(payment))) await this.check(payment.id);
    return (await this.#store.get(req.id)) ?? payment;
  }

  /**
   * Treats a provider's callback as a hint: reads the payment id out of it and queries the provider now.
   * What the callback claims is never used. Resolves the id it named, or `undefined` when it named none
   * this collector knows. Never throws on a malformed body.
   */
  async handleCallback(operator: Operator, body: unknown, url?: string): Promise<string | undefined> {
    const provider = this.#options.providers[operator];
    let id: string | undefined;
    try {
      id = provider?.parseCallback(body, url);
    } catch (error) {
      this.#logger.warn("payments: unreadable callback", { operator, error: String(error) });
    }
    if (id === undefined) return undefined;
    const stored = await this.#store.get(id);
    if (stored === undefined || stored.operator !== operator) return undefined;
    await this.check(id);
    return id;
  }

  /**
   * Queries the provider now for a pending payment, or for one failed as expired that is still watched
   * (`lateCheckUntil`: the payer may approve late). Concurrent checks of one id share one query.
   */
  check(id: string): Promise<StoredPayment | undefined> {
    let running = this.#checks.get(id);
    if (running === undefined) {
      running = this.#check(id).finally(() => this.#checks.delete(id));
      this.#checks.set(id, running);
    }
    return running;
  }

  /** The stored payment. */
  get(id: string): Promise<StoredPayment | undefined> {
    return this.#store.get(id);
  }

  /**
   * Resolves once the payment is settled (immediately when it already is). When `options.signal` fires first,
   * rejects with `PaymentsAbortError` and stops waiting; the payment itself goes on.
   */
  async settled(id: string, options: { signal?: AbortSignal } = {}): Promise<StoredPayment> {
    const { signal } = options;
    if (signal?.aborted) throw new PaymentsAbortError("settled", signal.reason);
    const waiting = new Promise<StoredPayment>((resolve, reject) => {
      const onAbort = (): void => {
        const left = (this.#waiters.get(id) ?? []).filter((waiter) => waiter !== settle);
        if (left.length === 0) this.#waiters.delete(id);
        else this.#waiters.set(id, left);
        reject(new PaymentsAbortError("settled", signal?.reason));
      };
      const settle = (payment: StoredPayment): void => {
        signal?.removeEventListener("abort", onAbort);
        resolve(payment);
      };
      const list = this.#waiters.get(id) ?? [];
      list.push(settle);
      this.#waiters.set(id, list);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    const now = await this.#store.get(id);
    if (now !== undefined && now.status !== "pending") this.#wake(now);
    return waiting;
  }

  /**
   * Picks up what a previous process left: payments still pending are queried (and re-sent with the same id
   * when the provider never recorded them), settled ones whose `onSettled` did not finish are notified.
   * Call it once at start-up: it also starts reading the store again every `resumeEveryMs`, so the payments
   * of a process that died for good are taken over (once its lease on them expired) and a failed `onSettled`
   * is retried without waiting for a restart. Resolves how many payments this collector took on.
   */
  async resumePending(): Promise<number> {
    if (this.#resumer === undefined && this.#options.resumeEveryMs > 0 && !this.#closed) {
      this.#resumer = setInterval(() => {
        this.#resume().catch((error: unknown) => {
          this.#logger.warn("payments: periodic resume failed, will try again", { error: String(error) });
        });
      }, this.#options.resumeEveryMs);
      this.#resumer.unref();
    }
    return this.#resume();
  }

  /**
   * Stops polling and the periodic resume, and gives up this collector's leases so another process takes its
   * pending payments over at once. Pending payments stay in the store for {@link resumePending}.
   */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#resumer !== undefined) clearInterval(this.#resumer);
    const held = [...new Set([...this.#timers.keys(), ...this.#checks.keys()])];
    for (const { timer } of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    const store = this.#store;
    if (!hasLeases(store)) return;
    await Promise.all(
      held.map((id) =>
        store.release(id, this.#owner).catch((error: unknown) => {
          this.#logger.warn("payments: lease not released, it expires on its own", { id, error: String(error) });
        }),
      ),
    );
  }

  /** One pass over the store: takes on every unfinished payment no other live process holds. */
  async #resume(): Promise<number> {
    let taken = 0;
    for (const payment of await this.#store.listUnfinished()) {
      if (this.#closed) break;
      if (!(await this.#lease(payment.id))) continue; // a live process polls it
      taken += 1;
      if (payment.status !== "pending" && !payment.notified) void this.#notify(payment);
      if (payment.status !== "pending" && payment.lateCheckUntil === undefined) continue;
      if (!this.#timers.has(payment.id) && !this.#checks.has(payment.id)) this.#schedule(payment.id, 0);
    }
    return taken;
  }

  /** Takes or renews this collector's lease on `id`; always true with a store that keeps none (one process). */
  async #lease(id: string): Promise<boolean> {
    return hasLeases(this.#store) ? this.#store.lease(id, this.#owner, this.#options.leaseMs) : true;
  }

  /** Sends the request; resolves whether the provider acknowledged it. */
  async #send(payment: StoredPayment): Promise<boolean> {
    const provider = this.#provider(payment);
    const attempts = payment.requestAttempts + 1;
    this.#sending.add(payment.id);
    try {
      await provider.requestPayment({
        id: payment.id,
        amount: payment.amount,
        currency: payment.currency,
        payer: payment.payer,
        description: payment.description,
        externalId: payment.externalId,
      });
      await this.#store.update(payment.id, { phase: "requested", requestAttempts: attempts });
      this.#schedule(payment.id);
      return true;
    } catch (error) {
      if (PaymentsValidationError.isInstance(error)) {
        await this.#settle(payment.id, {
          status: "failed",
          reason: "unknown",
          anomaly: error.message,
          settledAt: this.#now(),
        });
        return true;
      }
      const refused = PaymentsProviderError.isInstance(error) && !error.retryable;
      this.#logger.warn("payments: request not acknowledged, querying its id", {
        id: payment.id,
        operator: payment.operator,
        error: PaymentsError.isInstance(error) ? error.message : String(error),
      });
      await this.#store.update(payment.id, {
        requestAttempts: attempts,
        ...(refused ? { refusal: (error as PaymentsProviderError).failureReason ?? "unknown" } : {}),
      });
      return false;
    } finally {
      this.#sending.delete(payment.id);
    }
  }

  async #check(id: string): Promise<StoredPayment | undefined> {
    const stored = await this.#store.get(id);
    if (stored === undefined) return stored;
    if (stored.status !== "pending") return stored.lateCheckUntil === undefined ? stored : this.#lateCheck(stored);
    const now = this.#now();
    let answer: Awaited<ReturnType<PaymentProvider["getPayment"]>>;
    try {
      answer = await this.#provider(stored).getPayment(id);
    } catch (error) {
      this.#logger.warn("payments: status query failed, will ask again", {
        id,
        error: PaymentsError.isInstance(error) ? error.message : String(error),
      });
      this.#schedule(id);
      return stored;
    }
    if (answer === undefined) return this.#unrecorded(stored, now);
    const settlement = verdict(stored, answer, now, this.#provider(stored).reports);
    // Given up on while the provider still has it in progress: the payer may approve late, keep asking.
    if (settlement?.reason === "expired" && answer.status === "pending") this.#watch(settlement, now);
    if (settlement === undefined) {
      if (stored.phase === "requesting") await this.#store.update(id, { phase: "requested" });
      this.#schedule(id);
      return stored;
    }
    if (settlement.anomaly !== undefined) {
      this.#logger.error("payments: provider reports success that does not match the order", {
        id,
        anomaly: settlement.anomaly,
      });
    }
    return (await this.#settle(id, settlement)) ?? (await this.#store.get(id));
  }

  /** The provider has no record of the id: it never got the request (or lost it). */
  async #unrecorded(stored: StoredPayment, now: number): Promise<StoredPayment | undefined> {
    if (stored.refusal !== undefined) {
      return this.#settle(stored.id, { status: "failed", reason: stored.refusal, settledAt: now });
    }
    if (now >= stored.expiresAt) {
      const settlement = expired(now);
      // A request that left may still be recorded (and approved) after all.
      if (stored.requestAttempts > 0) this.#watch(settlement, now);
      return this.#settle(stored.id, settlement);
    }
    if (this.#sending.has(stored.id)) {
      this.#schedule(stored.id);
      return stored;
    }
    if (stored.phase === "requesting" && stored.requestAttempts < this.#options.maxRequestAttempts) {
      // Same id: if an earlier attempt lands after all, the provider refuses this one as a duplicate.
      if (!(await this.#send(stored))) this.#schedule(stored.id);
      return this.#store.get(stored.id);
    }
    if (stored.phase === "requesting") {
      return this.#settle(stored.id, {
        status: "failed",
        reason: "unknown",
        anomaly: "provider never recorded the request",
        settledAt: now,
      });
    }
    this.#schedule(stored.id);
    return stored;
  }

  async #settle(id: string, settlement: Settlement): Promise<StoredPayment | undefined> {
    this.#unschedule(id);
    const settled = await this.#store.settle(id, settlement);
    if (settled?.lateCheckUntil !== undefined) this.#schedule(id);
    if (settled !== undefined) await this.#notify(settled);
    return settled;
  }

  /** Marks an expiry as watched for `lateCheckMs` (nothing when it is 0). */
  #watch(settlement: Settlement, now: number): void {
    if (this.#options.lateCheckMs > 0) settlement.lateCheckUntil = now + this.#options.lateCheckMs;
  }

  /**
   * Asks again for a payment failed as expired while its provider still had it in progress. A success that
   * matches the order becomes a late success (`onLateSuccess`, once); a final failure, a mismatch or the end
   * of `lateCheckMs` stops the watch; anything else asks again later.
   */
  async #lateCheck(stored: StoredPayment): Promise<StoredPayment | undefined> {
    const id = stored.id;
    const now = this.#now();
    const until = stored.lateCheckUntil ?? now;
    let answer: Awaited<ReturnType<PaymentProvider["getPayment"]>>;
    try {
      answer = now >= until ? undefined : await this.#provider(stored).getPayment(id);
    } catch (error) {
      this.#logger.warn("payments: late status query failed, will ask again", { id, error: String(error) });
      this.#schedule(id);
      return stored;
    }
    if (now < until && (answer === undefined || answer.status === "pending")) {
      this.#schedule(id);
      return stored;
    }
    this.#unschedule(id);
    if (answer === undefined || answer.status === "pending") {
      this.#logger.warn("payments: still not final at the provider after lateCheckMs; reconcile by hand", { id });
      return (await this.#store.settleLate(id, { succeeded: false, at: now })) ?? stored;
    }
    const late = verdict({ ...stored, status: "pending" }, answer, now, this.#provider(stored).reports);
    const ended = await this.#store.settleLate(id, {
      succeeded: late?.status === "succeeded",
      at: now,
      ...(late?.providerReason === undefined ? {} : { providerReason: late.providerReason }),
      ...(late?.providerTransactionId === undefined ? {} : { providerTransactionId: late.providerTransactionId }),
      ...(late?.anomaly === undefined ? {} : { anomaly: late.anomaly }),
    });
    if (late?.anomaly !== undefined) {
      this.#logger.error("payments: late success that does not match the order", { id, anomaly: late.anomaly });
    }
    if (ended?.status === "succeeded") await this.#notify(ended);
    return ended ?? (await this.#store.get(id));
  }

  async #notify(payment: StoredPayment): Promise<void> {
    if (this.#notifying.has(payment.id)) return;
    this.#notifying.add(payment.id);
    try {
      // A periodic resume may hold a copy read before another call finished: ask the store again.
      if ((await this.#store.get(payment.id))?.notified === true) return;
      if (payment.lateSuccess === true) await this.#lateSuccess(payment);
      else await this.#options.onSettled?.(payment);
      await this.#store.markNotified(payment.id);
      if (hasLeases(this.#store)) await this.#store.release(payment.id, this.#owner);
    } catch (error) {
      // Left unnotified in the store: the periodic resume (or the next start) calls onSettled again.
      this.#logger.error("payments: onSettled failed", { id: payment.id, error: String(error) });
    } finally {
      this.#notifying.delete(payment.id);
      this.#wake(payment);
    }
  }

  async #lateSuccess(payment: StoredPayment): Promise<void> {
    if (this.#options.onLateSuccess !== undefined) return this.#options.onLateSuccess(payment);
    this.#logger.error("payments: paid after the collector failed it as expired; deliver or refund by hand", {
      id: payment.id,
      operator: payment.operator,
      amount: payment.amount,
    });
  }

  #wake(payment: StoredPayment): void {
    const list = this.#waiters.get(payment.id);
    if (list === undefined) return;
    this.#waiters.delete(payment.id);
    for (const resolve of list) resolve(payment);
  }

  #schedule(id: string, delayMs?: number): void {
    if (this.#closed) return;
    const previous = this.#timers.get(id);
    if (previous !== undefined) clearTimeout(previous.timer);
    const polls = previous?.polls ?? 0;
    const { firstPollMs, pollFactor, maxPollMs } = this.#options;
    const delay = delayMs ?? Math.min(maxPollMs, firstPollMs * pollFactor ** polls);
    const timer = setTimeout(() => {
      this.#poll(id).catch((error: unknown) => {
        this.#logger.error("payments: check failed", { id, error: String(error) });
        this.#schedule(id);
      });
    }, delay);
    timer.unref();
    this.#timers.set(id, { timer, polls: polls + 1 });
  }

  /** A scheduled query: only while this collector holds the payment's lease (else its holder polls it). */
  async #poll(id: string): Promise<void> {
    if (!(await this.#lease(id))) {
      this.#unschedule(id);
      return;
    }
    await this.check(id);
  }

  #unschedule(id: string): void {
    const entry = this.#timers.get(id);
    if (entry !== undefined) clearTimeout(entry.timer);
    this.#timers.delete(id);
  }

  #provider(payment: StoredPayment): PaymentProvider {
    const provider = this.#options.providers[payment.operator];
    if (provider === undefined)
      throw new PaymentsValidationError([{ field: "options.providers", rule: `no ${payment.operator} provider` }]);
    return provider;
  }
}
