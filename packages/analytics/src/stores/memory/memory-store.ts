import { AnalyticsAbortError } from "../../errors.js";
import type { EventChunk } from "../../tracking/events.js";
import type {
  AnalyticsStore,
  DispatchRecord,
  ErrorCount,
  FunnelCounts,
  FunnelQuery,
  PaymentTotals,
  PeriodQuery,
  PeriodTotals,
  RatingTotals,
  SummaryQuery,
  SummaryTotals,
  TimeRange,
  UserCounts,
  WeekdayDispatch,
} from "../store.js";
import { memoryFlows, memoryFunnel, memoryFunnelSteps } from "./funnel.js";
import { memoryPaymentTotals } from "./payments.js";
import { memoryRatingTotals } from "./ratings.js";
import { memoryActiveUsers, memoryPeriodStats, memoryTopErrors, memoryUserCounts, weekdayDispatchOf } from "./stats.js";
import { memorySummary } from "./summary.js";

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** Events older than this (relative to the newest event) are dropped, a chunk at a time. Default 400 days. */
  retentionMs?: number;
}

interface StoredChunk {
  chunk: EventChunk;
  maxAt: number;
}

/**
 * The default store: events kept in memory as the columnar chunks the tracking
 * calls fill, aggregated on read. One process's view; use `PostgresStore` to share.
 * @example
 * const analytics = new Analytics({ store: new MemoryStore({ retentionMs: 30 * 86_400_000 }) });
 */
export class MemoryStore implements AnalyticsStore {
  readonly #retentionMs: number;
  #stored: StoredChunk[] = [];
  #chunks: EventChunk[] = [];
  #newest = Number.NEGATIVE_INFINITY;
  readonly #dispatch = new Map<string, DispatchRecord>();

  constructor(options: MemoryStoreOptions = {}) {
    this.#retentionMs = options.retentionMs ?? 400 * 86_400_000;
  }

  append(chunk: EventChunk): void {
    let maxAt = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < chunk.length; i++) if ((chunk.at[i] as number) > maxAt) maxAt = chunk.at[i] as number;
    this.#stored.push({ chunk, maxAt });
    this.#chunks.push(chunk);
    if (maxAt > this.#newest) this.#newest = maxAt;
    const cutoff = this.#newest - this.#retentionMs;
    if ((this.#stored[0]?.maxAt ?? cutoff) < cutoff) {
      this.#stored = this.#stored.filter((s) => s.maxAt >= cutoff);
      this.#chunks = this.#stored.map((s) => s.chunk);
    }
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}

  async summary(query: SummaryQuery): Promise<SummaryTotals> {
    AnalyticsAbortError.throwIfAborted(query.signal, "read summary");
    return memorySummary(this.#chunks, query);
  }

  async funnel(query: FunnelQuery): Promise<FunnelCounts> {
    AnalyticsAbortError.throwIfAborted(query.signal, "compute funnel");
    return memoryFunnel(this.#chunks, query);
  }

  async funnelSteps(flow: string, range: TimeRange): Promise<string[]> {
    AnalyticsAbortError.throwIfAborted(range.signal, "list funnel steps");
    return memoryFunnelSteps(this.#chunks, flow, range);
  }

  async flows(range: TimeRange): Promise<string[]> {
    AnalyticsAbortError.throwIfAborted(range.signal, "list flows");
    return memoryFlows(this.#chunks, range);
  }

  async periodStats(query: PeriodQuery): Promise<PeriodTotals[]> {
    AnalyticsAbortError.throwIfAborted(query.signal, "read period stats");
    return memoryPeriodStats(this.#chunks, query);
  }

  async topErrors(n: number, range: TimeRange): Promise<ErrorCount[]> {
    AnalyticsAbortError.throwIfAborted(range.signal, "read top errors");
    return memoryTopErrors(this.#chunks, n, range);
  }

  async activeUsers(range: TimeRange): Promise<number> {
    AnalyticsAbortError.throwIfAborted(range.signal, "count active users");
    return memoryActiveUsers(this.#chunks, range);
  }

  async userCounts(current: TimeRange, previous: TimeRange): Promise<UserCounts> {
    AnalyticsAbortError.throwIfAborted(current.signal, "count users");
    return memoryUserCounts(this.#chunks, current, previous);
  }

  async putDispatch(record: DispatchRecord): Promise<void> {
    this.#dispatch.set(`${record.companyId ?? ""}\u0000${record.day}`, { ...record });
  }

  async getDispatch(fromDay: string, toDay: string, companyId?: string): Promise<DispatchRecord[]> {
    return [...this.#dispatch.values()]
      .filter((r) => r.day >= fromDay && r.day <= toDay && r.companyId === companyId)
      .sort((x, y) => (x.day < y.day ? -1 : 1))
      .map((r) => ({ ...r }));
  }

  async weekdayDispatch(fromDay: string, toDay: string, companyId?: string): Promise<WeekdayDispatch[]> {
    return weekdayDispatchOf(await this.getDispatch(fromDay, toDay, companyId));
  }

  /** Aggregates are computed on read from the kept events, so there is nothing to materialise. */
  async ratingTotals(range: TimeRange): Promise<RatingTotals[]> {
    AnalyticsAbortError.throwIfAborted(range.signal, "read ratings");
    return memoryRatingTotals(this.#chunks, range);
  }

  async paymentTotals(range: TimeRange): Promise<PaymentTotals[]> {
    AnalyticsAbortError.throwIfAborted(range.signal, "read payments");
    return memoryPaymentTotals(this.#chunks, range);
  }

  async rollupDays(): Promise<void> {}
}
