import type { AlertMonitor, Analytics } from "@toktok/analytics";
import type { Logger } from "@toktok-example/shared";
import type { Cluster, Redis } from "ioredis";
import { type AlertMessenger, createAlertNotifier } from "../alerts/alert-notifier.ts";
import type { BotConfig } from "../config/env.ts";
import { MemoryReportClaims, RedisReportClaims } from "../reports/claims.ts";
import { createReportMailer } from "../reports/mailer.ts";
import { createReportDelivery, type ReportDelivery } from "../reports/report-delivery.ts";

/** What tells the operator: the e-mailed reports (when SMTP is configured) and the alert monitor. */
export interface OperatorServices {
  /** Set when `SMTP_URL` and `REPORT_EMAIL_TO` are. */
  reports?: ReportDelivery;
  /** Evaluates the alert rules every `ALERT_INTERVAL_MS` and pushes each transition. */
  alerts: AlertMonitor;
  stop(): void;
}

/** Options of {@link startOperatorServices}. */
export interface OperatorOptions {
  config: BotConfig;
  analytics: Analytics;
  messenger: AlertMessenger;
  redis?: Redis | Cluster;
  logger: Logger;
  /** Timer functions of the report schedule and the alert monitor (tests inject fake ones). */
  timers?: {
    setTimeout(fn: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
    setInterval(fn: () => void, ms: number): unknown;
    clearInterval(handle: unknown): void;
  };
}

/**
 * Starts the report schedule and the alert monitor. The schedule runs in every process; the report
 * claims (Redis when configured) make each report go out once. The monitor too: alert records are
 * shared through PostgreSQL, so each transition is notified once across processes.
 */
export function startOperatorServices(options: OperatorOptions): OperatorServices {
  const { config, analytics, logger, timers } = options;
  let reports: ReportDelivery | undefined;
  let stopReports = () => {};
  let closeMailer = () => {};
  if (config.SMTP_URL && config.REPORT_EMAIL_TO) {
    const mailer = createReportMailer({
      smtpUrl: config.SMTP_URL,
      to: config.REPORT_EMAIL_TO,
      ...(config.REPORT_EMAIL_FROM ? { from: config.REPORT_EMAIL_FROM } : {}),
      logger,
    });
    closeMailer = () => mailer.close();
    const claims = options.redis ? new RedisReportClaims(options.redis) : new MemoryReportClaims(() => analytics.now());
    reports = createReportDelivery({ analytics, mailer, claims, logger });
    const schedule = reports.start({
      daily: config.REPORT_DAILY_AT,
      weekly: config.REPORT_WEEKLY_AT,
      ...(timers ? { timers } : {}),
    });
    stopReports = () => schedule.stop();
  }
  const alerts = analytics.monitorAlerts({
    intervalMs: config.ALERT_INTERVAL_MS,
    notify: createAlertNotifier({
      logger,
      ...(config.ALERT_WHATSAPP_TO
        ? {
            whatsapp: {
              messenger: options.messenger,
              to: config.ALERT_WHATSAPP_TO,
              ...(config.ALERT_WHATSAPP_TEMPLATE
                ? {
                    template: {
                      name: config.ALERT_WHATSAPP_TEMPLATE,
                      language: config.ALERT_WHATSAPP_TEMPLATE_LANGUAGE,
                    },
                  }
                : {}),
            },
          }
        : {}),
      ...(config.ALERT_WEBHOOK_URL && config.ALERT_WEBHOOK_SECRET
        ? { webhook: { url: config.ALERT_WEBHOOK_URL, secret: config.ALERT_WEBHOOK_SECRET } }
        : {}),
    }),
    onError: (error) => logger.warn("alert monitor", { error: error instanceof Error ? error.message : String(error) }),
    logger,
    ...(timers ? { timers } : {}),
  });
  return {
    ...(reports ? { reports } : {}),
    alerts,
    stop() {
      stopReports();
      alerts.stop();
      closeMailer();
    },
  };
}
