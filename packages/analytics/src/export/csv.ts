import { scoreDispatch } from "../dispatch/quality-score.js";
import type { AnalyticsReader } from "../reader.js";
import type { DayRange } from "../time/range.js";
import { resolveDays } from "../time/range.js";
import { invalid } from "../validate.js";
import { toCsv } from "./csv-format.js";
import { defaultRange } from "./json.js";

/** Options of `exportCSV`. */
export interface CsvOptions {
  /** Which table: daily stats (default), top errors, dispatch days, or funnel steps. */
  table?: "daily" | "errors" | "dispatch" | "funnels";
  /** Inclusive local days (and `companyId` to scope the table to one company). Default: the 30 days ending today. */
  range?: DayRange;
}

/** Builds one CSV table. */
export async function exportCSV(a: AnalyticsReader, options: CsvOptions = {}): Promise<string> {
  const range = options.range ?? defaultRange(a);
  // The resolved days are also the instant range (from, to, signal, companyId) of the other reads.
  const instants = resolveDays(range, a.timeZone);
  switch (options.table ?? "daily") {
    case "daily": {
      const rows = await a.getDailyStats(range);
      const header = [
        "day",
        "sessions",
        "active_users",
        "messages",
        "conversions",
        "revenue_xaf",
        "errors",
        "error_rate",
        "avg_response_ms",
      ];
      return toCsv(
        header,
        rows.map((r) => [
          r.period,
          r.sessions,
          r.activeUsers,
          r.messages,
          r.conversions,
          r.revenueXaf,
          r.errors,
          r.errorRate,
          r.avgResponseMs,
        ]),
      );
    }
    case "errors": {
      const rows = await a.getTopErrors(1000, instants);
      return toCsv(
        ["name", "message", "count", "last_seen_at"],
        rows.map((e) => [e.name, e.message, e.count, new Date(e.lastSeenAt).toISOString()]),
      );
    }
    case "dispatch": {
      const rows = await a.getDispatch(range);
      const header = ["day", "total", "on_time", "late", "cancelled", "avg_delay_minutes", "quality_score"];
      return toCsv(
        header,
        rows.map((d) => [
          d.day,
          d.total,
          d.onTime,
          d.late,
          d.cancelled,
          d.avgDelayMinutes,
          d.total === 0 ? null : scoreDispatch(d).score,
        ]),
      );
    }
    case "funnels": {
      const rows: Array<Array<string | number>> = [];
      for (const flow of await a.getFlows(instants)) {
        const f = await a.getFunnel(flow, instants);
        for (const s of f.steps)
          rows.push([flow, s.step, s.users, s.conversionPct, s.dropOffPct, s.conversionFromStartPct]);
      }
      return toCsv(["flow", "step", "users", "conversion_pct", "drop_off_pct", "conversion_from_start_pct"], rows);
    }
    default:
      throw invalid("table", "must be one of daily, errors, dispatch, funnels");
  }
}
