import type { Analytics } from "@toktok/analytics";
import type { z } from "zod";
import { kpisOf } from "./kpis.ts";
import {
  addDays,
  csvQuery,
  dayRangeQuery,
  exportQuery,
  flowName,
  funnelQuery,
  MAX_DAYS,
  noQuery,
  type Period,
  periodQuery,
  periodRange,
  reportQuery,
} from "./params.ts";
import { localDay } from "./time.ts";

/** What a route produces; the handler writes it and caches it. */
export type Answer =
  | { type: "json"; body: unknown }
  | { type: "text"; contentType: string; body: string; filename?: string };

/** Inputs of a route: the validated query, the decoded path parameter, the time of the request. */
export interface RouteInput<Q> {
  analytics: Analytics;
  query: Q;
  /** Decoded `{flow}` of `/funnels/{flow}`, else undefined. */
  param: string | undefined;
  now: number;
  /** Known step order per flow (the app's flow definitions); otherwise the analytics' own order. */
  funnelSteps: Readonly<Record<string, readonly string[]>>;
}

/** One endpoint under `/api/analytics`. */
export interface Route<S extends z.ZodType = z.ZodType> {
  /** Matched against the path after `/api/analytics`. */
  pattern: RegExp;
  query: S;
  /** Validates the path parameter, when the pattern captures one. */
  param?: z.ZodType<string>;
  run(input: RouteInput<z.output<S>>): Promise<Answer>;
}

const route = <S extends z.ZodType>(r: Route<S>): Route<S> => r;
const json = (body: unknown): Answer => ({ type: "json", body });

/** Inclusive local days covering a period, for the day-based exports; `all` = the last {@link MAX_DAYS} days. */
function periodDays(analytics: Analytics, period: Period, now: number): { from: string; to: string } {
  const to = localDay(now, analytics.timeZone);
  if (period === "all") return { from: addDays(to, -(MAX_DAYS - 1)), to };
  return { from: localDay(periodRange(period, now).from, analytics.timeZone), to };
}

/** `from`/`to` of `/daily` and `/quality`: missing bounds default to the 30 days ending today. */
function dayRange(analytics: Analytics, q: { from?: string | undefined; to?: string | undefined }, now: number) {
  const to = q.to ?? (q.from === undefined ? localDay(now, analytics.timeZone) : addDays(q.from, 29));
  const from = q.from ?? addDays(to, -29);
  return { from, to };
}

/** Every endpoint; the order matters only for the two funnel patterns. */
export const ROUTES: readonly Route[] = [
  route({
    pattern: /^\/summary$/,
    query: periodQuery,
    async run({ analytics, query, now }) {
      const summary = await analytics.getSummary(periodRange(query.period, now));
      // `today` (in the analytics' zone) lets the page ask /daily for the right days whatever its own clock.
      const today = localDay(now, analytics.timeZone);
      return json({ period: query.period, today, timeZone: analytics.timeZone, kpis: kpisOf(summary), summary });
    },
  }),
  route({
    pattern: /^\/funnels$/,
    query: periodQuery,
    async run({ analytics, query, now, funnelSteps }) {
      const range = periodRange(query.period, now);
      const flows = await analytics.store.flows(range);
      const funnels = [];
      for (const flow of flows) {
        const steps = Object.hasOwn(funnelSteps, flow) ? funnelSteps[flow] : undefined;
        funnels.push(await analytics.getFunnel(flow, steps === undefined ? range : { ...range, steps }));
      }
      return json({ period: query.period, funnels });
    },
  }),
  route({
    pattern: /^\/funnels\/([^/]+)$/,
    query: funnelQuery,
    param: flowName,
    async run({ analytics, query, param, now, funnelSteps }) {
      const flow = param ?? "";
      const steps = query.steps ?? (Object.hasOwn(funnelSteps, flow) ? funnelSteps[flow] : undefined);
      const funnel = await analytics.getFunnel(flow, {
        ...periodRange(query.period, now),
        ...(steps === undefined ? {} : { steps }),
      });
      return json({ period: query.period, funnel });
    },
  }),
  route({
    pattern: /^\/daily$/,
    query: dayRangeQuery,
    async run({ analytics, query, now }) {
      const range = dayRange(analytics, query, now);
      return json({ ...range, timeZone: analytics.timeZone, days: await analytics.getDailyStats(range) });
    },
  }),
  route({
    pattern: /^\/quality$/,
    query: dayRangeQuery,
    async run({ analytics, query, now }) {
      const range = dayRange(analytics, query, now);
      const records = await analytics.getDispatch(range);
      const days = [];
      for (const record of records) {
        const breakdown = await analytics.qualityBreakdown(record.day);
        if (breakdown !== null) days.push({ ...breakdown, total: record.total });
      }
      return json({ ...range, days });
    },
  }),
  route({
    pattern: /^\/insights$/,
    query: noQuery,
    async run({ analytics }) {
      return json({ insights: await analytics.getInsights() });
    },
  }),
  route({
    pattern: /^\/alerts$/,
    query: noQuery,
    async run({ analytics, now }) {
      const active = await analytics.evaluateAlerts();
      const firing = new Set(active.map((a) => a.rule));
      const rules = analytics.alertRules.map((rule) => ({ ...rule, active: firing.has(rule.name) }));
      return json({ evaluatedAt: new Date(now).toISOString(), active, rules });
    },
  }),
  route({
    pattern: /^\/export\.csv$/,
    query: csvQuery,
    async run({ analytics, query, now }) {
      const body = await analytics.exportCSV({ table: query.table, range: periodDays(analytics, query.period, now) });
      return {
        type: "text",
        contentType: "text/csv; charset=utf-8",
        body,
        filename: `toktok-${query.table}-${query.period}-${localDay(now, analytics.timeZone)}.csv`,
      };
    },
  }),
  route({
    pattern: /^\/export\.json$/,
    query: exportQuery,
    async run({ analytics, query, now }) {
      return json(await analytics.exportJSON(periodDays(analytics, query.period, now)));
    },
  }),
  route({
    pattern: /^\/report$/,
    query: reportQuery,
    async run({ analytics, query, now }) {
      const date = query.date ?? localDay(now, analytics.timeZone);
      const report = await analytics.renderReport({ period: query.period, date });
      return { type: "text", contentType: "text/html; charset=utf-8", body: report.html };
    },
  }),
];
