import { dayRange, exportDays, summaryOf } from "./figures.ts";
import { OPERATOR_ROUTES } from "./operator-routes.ts";
import {
  csvQuery,
  dayRangeQuery,
  exportFileQuery,
  flowName as flowNameSchema,
  funnelQuery,
  noQuery,
  periodQuery,
  periodRange,
  reportQuery,
} from "./params.ts";
import { PROMOTION_ROUTE, PROMOTION_STATUS_ROUTE } from "./promotion-route.ts";
import { json, type Route, route, scoped } from "./route.ts";
import { localDay } from "./time.ts";

export type { Answer, Route, RouteInput } from "./route.ts";

/** Every endpoint; the order matters only for the two funnel patterns. */
export const ROUTES: readonly Route[] = [
  route({
    pattern: /^\/summary$/,
    query: periodQuery,
    async run({ analytics, query, now, companyId, liveSince }) {
      return json(await summaryOf(analytics, query.period, now, companyId, liveSince));
    },
  }),
  route({
    pattern: /^\/funnels$/,
    query: periodQuery,
    async run({ analytics, query, now, funnelSteps, companyId }) {
      const range = { ...periodRange(query.period, now), ...scoped(companyId) };
      const flows = await analytics.getFlows(range);
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
    param: { schema: flowNameSchema, field: "flow" },
    async run({ analytics, query, param, now, funnelSteps, companyId }) {
      const flow = param ?? "";
      const steps = query.steps ?? (Object.hasOwn(funnelSteps, flow) ? funnelSteps[flow] : undefined);
      const funnel = await analytics.getFunnel(flow, {
        ...periodRange(query.period, now),
        ...scoped(companyId),
        ...(steps === undefined ? {} : { steps }),
      });
      return json({ period: query.period, funnel });
    },
  }),
  route({
    pattern: /^\/daily$/,
    query: dayRangeQuery,
    async run({ analytics, query, now, companyId }) {
      const range = dayRange(analytics, query, now);
      const days = await analytics.getDailyStats({ ...range, ...scoped(companyId) });
      return json({ ...range, timeZone: analytics.timeZone, days });
    },
  }),
  route({
    pattern: /^\/quality$/,
    query: dayRangeQuery,
    async run({ analytics, query, now, companyId }) {
      const range = dayRange(analytics, query, now);
      const records = await analytics.getDispatch({ ...range, ...scoped(companyId) });
      const days = [];
      for (const record of records) {
        const breakdown = await analytics.qualityBreakdown(record.day, scoped(companyId));
        if (breakdown !== null) days.push({ ...breakdown, total: record.total });
      }
      return json({ ...range, days });
    },
  }),
  route({
    pattern: /^\/satisfaction$/,
    query: periodQuery,
    async run({ analytics, query, now, companyId }) {
      const satisfaction = await analytics.getSatisfaction({ ...periodRange(query.period, now), ...scoped(companyId) });
      return json({ period: query.period, ...satisfaction });
    },
  }),
  route({
    pattern: /^\/payments$/,
    query: periodQuery,
    async run({ analytics, query, now, companyId }) {
      const payments = await analytics.getPayments({ ...periodRange(query.period, now), ...scoped(companyId) });
      return json({ period: query.period, ...payments });
    },
  }),
  route({
    pattern: /^\/insights$/,
    query: noQuery,
    async run({ analytics, companyId }) {
      return json({ insights: await analytics.getInsights(scoped(companyId)) });
    },
  }),
  route({
    pattern: /^\/alerts$/,
    query: noQuery,
    // Rules watch the whole operation: a merchant has no alerts of its own.
    adminOnly: true,
    async run({ analytics, now }) {
      const active = await analytics.evaluateAlerts();
      const firing = new Set(active.map((a) => a.rule));
      const rules = analytics.alertRules.map((rule) => ({ ...rule, active: firing.has(rule.name) }));
      // The monitor's records, to acknowledge: open ones first (fired, not yet resolved).
      const records = await analytics.listAlerts({ states: ["active", "acknowledged"] });
      return json({ evaluatedAt: new Date(now).toISOString(), active, rules, records });
    },
  }),
  route({
    pattern: /^\/export\.csv$/,
    query: csvQuery,
    async run({ analytics, query, now, companyId }) {
      const range = { ...exportDays(analytics, query, now), ...scoped(companyId) };
      const body = await analytics.exportCSV({ table: query.table, range });
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
    query: exportFileQuery,
    async run({ analytics, query, now, companyId }) {
      return json(await analytics.exportJSON({ ...exportDays(analytics, query, now), ...scoped(companyId) }));
    },
  }),
  route({
    pattern: /^\/report$/,
    query: reportQuery,
    async run({ analytics, query, now, companyId }) {
      const date = query.date ?? localDay(now, analytics.timeZone);
      const report = await analytics.renderReport({ period: query.period, date, ...scoped(companyId) });
      return { type: "text", contentType: "text/html; charset=utf-8", body: report.html };
    },
  }),
  ...OPERATOR_ROUTES,
  PROMOTION_ROUTE,
  PROMOTION_STATUS_ROUTE,
];
