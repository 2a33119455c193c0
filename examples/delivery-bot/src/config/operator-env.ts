import { normalizePhone } from "@toktok/whatsapp-client";
import { commaList, integer, optional, url } from "@toktok-example/shared";
import { z } from "zod";

// What tells the operator, not only shows them: the e-mailed reports and the pushed alerts.
// Every message names the variable and the rule, never the value (SMTP_URL holds a password).

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** `HH:MM`, or `HH:MM:SS` so that a test can schedule the daily report a few seconds ahead. */
const HH_MM_SS = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

/** A local time `HH:MM` (or `HH:MM:SS`), `fallback` when unset. */
const localTime = (name: string, fallback: string) =>
  z
    .string()
    .trim()
    .regex(HH_MM_SS, `${name} must be a local time HH:MM or HH:MM:SS (00:00–23:59:59)`)
    .default(fallback);

/**
 * `REPORT_WEEKLY_AT`: `MON HH:MM` or `HH:MM` — the weekly report covers the previous ISO week, so it goes
 * out on Mondays (another day is refused rather than silently moved).
 */
const weeklyTime = (name: string, fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((value, ctx) => {
      const match = /^(?:(?<day>[A-Za-z]{3})\s+)?(?<time>\d\d:\d\d)$/.exec(value);
      const time = match?.groups?.time ?? "";
      const day = match?.groups?.day?.toUpperCase();
      if (!HH_MM.test(time) || (day !== undefined && day !== "MON")) {
        ctx.addIssue({
          code: "custom",
          message: `${name} must be "MON HH:MM" or "HH:MM" (the weekly report goes out on Mondays)`,
        });
        return z.NEVER;
      }
      return time;
    });

const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

/** Comma-separated e-mail addresses, at least one. */
const emailList = (name: string) => commaList(name, "e-mail addresses", (s) => (EMAIL.test(s) ? s : undefined));

/** Comma-separated phone numbers, read as WhatsApp ids (digits with the country code; Congo by default). */
const phoneList = (name: string) =>
  commaList(name, "phone numbers", (s) => {
    try {
      return normalizePhone(s, { defaultCountry: "CG" });
    } catch {
      return undefined;
    }
  });

/** The variables of the e-mailed reports and the pushed alerts, spread into the bot's schema. */
export const operatorVariables = {
  // smtp://user:pass@host:587 (STARTTLS when the server offers it) or smtps://…:465 (TLS from the start).
  SMTP_URL: optional(url("SMTP_URL", ["smtp:", "smtps:"])),
  REPORT_EMAIL_TO: optional(emailList("REPORT_EMAIL_TO")),
  REPORT_EMAIL_FROM: optional(z.string().trim().min(3, "REPORT_EMAIL_FROM must be an address")),
  REPORT_DAILY_AT: localTime("REPORT_DAILY_AT", "08:00"),
  REPORT_WEEKLY_AT: weeklyTime("REPORT_WEEKLY_AT", "MON 08:00"),
  ALERT_WHATSAPP_TO: optional(phoneList("ALERT_WHATSAPP_TO")),
  // Sent instead of a text when an operator's 24-hour window is closed: an approved template with one
  // body parameter (the alert's message).
  ALERT_WHATSAPP_TEMPLATE: optional(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{1,512}$/, "ALERT_WHATSAPP_TEMPLATE must be a template name (a-z, 0-9, _)"),
  ),
  ALERT_WHATSAPP_TEMPLATE_LANGUAGE: z.string().trim().min(2).default("fr"),
  ALERT_WEBHOOK_URL: optional(url("ALERT_WEBHOOK_URL", ["http:", "https:"])),
  ALERT_WEBHOOK_SECRET: optional(z.string().min(16, "ALERT_WEBHOOK_SECRET must be at least 16 characters")),
  ALERT_INTERVAL_MS: integer("ALERT_INTERVAL_MS", { min: 1_000, unit: "ms" }).default(60_000),
};

/** Cross-variable rules: half a configuration is refused rather than silently ignored. */
export function checkOperatorVariables(
  env: {
    SMTP_URL?: string | undefined;
    REPORT_EMAIL_TO?: string[] | undefined;
    ALERT_WEBHOOK_URL?: string | undefined;
    ALERT_WEBHOOK_SECRET?: string | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  if (env.SMTP_URL && !env.REPORT_EMAIL_TO) {
    ctx.addIssue({ code: "custom", path: ["REPORT_EMAIL_TO"], message: "REPORT_EMAIL_TO is required with SMTP_URL" });
  }
  if (env.REPORT_EMAIL_TO && !env.SMTP_URL) {
    ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "SMTP_URL is required with REPORT_EMAIL_TO" });
  }
  if (env.ALERT_WEBHOOK_URL && !env.ALERT_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["ALERT_WEBHOOK_SECRET"],
      message: "ALERT_WEBHOOK_SECRET is required with ALERT_WEBHOOK_URL (the alerts are signed)",
    });
  }
}
