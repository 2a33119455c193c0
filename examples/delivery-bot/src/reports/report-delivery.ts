import type { Analytics, ReportSchedule, ScheduledReport } from "@toktok/analytics";
import type { Logger } from "@toktok-example/shared";
import type { ReportClaims } from "./claims.ts";
import type { ReportMailer } from "./mailer.ts";
import { reportFilename, reportPdf } from "./report-pdf.ts";

/** What {@link createReportDelivery} needs. */
export interface ReportDeliveryOptions {
  analytics: Analytics;
  mailer: ReportMailer;
  /** Shared by every process (Redis) so each scheduled report is sent once; memory for one process. */
  claims: ReportClaims;
  logger: Logger;
}

/** When the scheduled reports go out: local `HH:MM` in the analytics time zone (weekly on Mondays). */
export interface ReportTimes {
  daily: string;
  weekly: string;
  /** Timer functions (tests inject fake ones). */
  timers?: Parameters<Analytics["scheduleReports"]>[0]["timers"];
}

/** Sends reports by e-mail: on a schedule, once across processes, or now on demand. */
export interface ReportDelivery {
  /** Starts the daily and weekly schedule (and the nightly aggregation). */
  start(times: ReportTimes): ReportSchedule;
  /** Renders and e-mails the report of the day or ISO week containing `date` (default today), now. */
  sendNow(period: "day" | "week", date?: string): Promise<{ subject: string; from: string; to: string }>;
}

const DAY_MS = 86_400_000;
/** A sent report's claim outlives any retry of its period (the next one has another key). */
const CLAIM_TTL_MS = { daily: 3 * DAY_MS, weekly: 10 * DAY_MS } as const;

/** The scheduled reports, e-mailed once per period whatever the number of bot processes. */
export function createReportDelivery(options: ReportDeliveryOptions): ReportDelivery {
  const { analytics, mailer, claims, logger } = options;

  async function mail(report: Awaited<ReturnType<Analytics["renderReport"]>>): Promise<void> {
    const pdf = await reportPdf(analytics, report);
    await mailer.send({
      subject: report.subject,
      html: report.html,
      text: report.text,
      pdf: { filename: reportFilename(report), content: pdf },
    });
  }

  async function sendScheduled(report: ScheduledReport): Promise<void> {
    const key = `${report.kind}:${report.figures.from}`;
    if (!(await claims.claim(key, CLAIM_TTL_MS[report.kind]))) {
      logger.debug("report already claimed by another process", { report: key });
      return;
    }
    try {
      await mail(report);
    } catch (error) {
      // Given back so that another try (another process's schedule, a manual send) is not refused.
      await claims.release(key).catch(() => {});
      throw error;
    }
  }

  return {
    start(times) {
      return analytics.scheduleReports({
        daily: times.daily,
        weekly: times.weekly,
        send: sendScheduled,
        ...(times.timers ? { timers: times.timers } : {}),
        onError: (error, job) =>
          logger.error("scheduled report failed", {
            job,
            error: error instanceof Error ? error.message : String(error),
          }),
        logger,
      });
    },
    async sendNow(period, date) {
      const report = await analytics.renderReport({ period, date: date ?? analytics.now() });
      await mail(report);
      return { subject: report.subject, from: report.figures.from, to: report.figures.to };
    },
  };
}
