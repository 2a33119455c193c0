import { toPdf, toXlsx, XLSX_CONTENT_TYPE } from "@toktok/analytics/files";
import { exportDays, summaryOf } from "./figures.ts";
import {
  alertId,
  companyId as companyIdSchema,
  daysBetween,
  exportFileQuery,
  noQuery,
  periodQuery,
  reportSendQuery,
} from "./params.ts";
import { type Answer, json, jsonError, type Route, route, scoped } from "./route.ts";

const fileName = (kind: string, days: { from: string; to: string }, companyId: string | undefined, ext: string) =>
  `toktok-${kind}${companyId === undefined ? "" : `-${companyId}`}-${days.from}_${days.to}.${ext}`;

/**
 * The routes that reach beyond the page: Excel and PDF exports, sending a report now, acknowledging an
 * alert, and the dispatch-analytics seed's `/dashboard/{companyId}`.
 */
export const OPERATOR_ROUTES: readonly Route[] = [
  route({
    pattern: /^\/export\.xlsx$/,
    query: exportFileQuery,
    async run({ analytics, query, now, companyId }): Promise<Answer> {
      const days = exportDays(analytics, query, now);
      const body = await toXlsx(await analytics.exportJSON({ ...days, ...scoped(companyId) }));
      return {
        type: "binary",
        contentType: XLSX_CONTENT_TYPE,
        body,
        filename: fileName("export", days, companyId, "xlsx"),
      };
    },
  }),
  route({
    pattern: /^\/export\.pdf$/,
    query: exportFileQuery,
    async run({ analytics, query, now, companyId }): Promise<Answer> {
      const days = exportDays(analytics, query, now);
      // The report of the last day (a one-day range) or of the ISO week ending the range, with the daily
      // figures and funnels of the whole range.
      const report = await analytics.renderReport({
        period: daysBetween(days.from, days.to) === 0 ? "day" : "week",
        date: days.to,
        ...scoped(companyId),
      });
      const data = await analytics.exportJSON({ ...days, ...scoped(companyId) });
      const body = await toPdf(report, data);
      return {
        type: "binary",
        contentType: "application/pdf",
        body,
        filename: fileName("rapport", days, companyId, "pdf"),
      };
    },
  }),
  route({
    method: "POST",
    pattern: /^\/reports\/send$/,
    query: reportSendQuery,
    adminOnly: true,
    async run({ query, reports }): Promise<Answer> {
      if (reports === undefined) {
        return jsonError(
          { error: "reports_not_configured", message: "set SMTP_URL and REPORT_EMAIL_TO to e-mail reports" },
          503,
        );
      }
      try {
        return json({ sent: true, period: query.period, ...(await reports.sendNow(query.period)) });
      } catch {
        // The mailer logged why (credentials removed); the answer says no more.
        return jsonError(
          { error: "send_failed", message: "the report could not be e-mailed (see the bot's logs)" },
          502,
        );
      }
    },
  }),
  route({
    method: "POST",
    pattern: /^\/alerts\/([^/]+)\/ack$/,
    query: noQuery,
    param: { schema: alertId, field: "id" },
    adminOnly: true,
    async run({ analytics, param, subject }): Promise<Answer> {
      const record = await analytics.acknowledgeAlert(param ?? "", { by: subject ?? "dashboard" });
      if (record === null) return jsonError({ error: "not_found", message: "no alert with this id" }, 404);
      return json({ record });
    },
  }),
  route({
    pattern: /^\/dashboard\/([^/]+)$/,
    query: periodQuery,
    param: { schema: companyIdSchema, field: "companyId" },
    companyParam: true,
    async run({ analytics, query, now, param, liveSince }): Promise<Answer> {
      return json(await summaryOf(analytics, query.period, now, param, liveSince));
    },
  }),
];
