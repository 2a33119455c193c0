import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./env.ts";

const valid = {
  WHATSAPP_TOKEN: "EAAG-secret-token",
  WHATSAPP_PHONE_NUMBER_ID: "1234567890",
  WHATSAPP_APP_SECRET: "app-secret",
  WHATSAPP_VERIFY_TOKEN: "verify-me",
};

const failure = (env: Record<string, string>): ConfigError => {
  try {
    loadConfig({ ...valid, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("reports and alerts configuration", () => {
  it("defaults: reports at 08:00 and Mondays 08:00, alerts evaluated every minute, nothing pushed", () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({ REPORT_DAILY_AT: "08:00", REPORT_WEEKLY_AT: "08:00", ALERT_INTERVAL_MS: 60_000 });
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.ALERT_WHATSAPP_TO).toBeUndefined();
  });

  it("reads the recipients, the times and the operators' numbers", () => {
    const config = loadConfig({
      ...valid,
      SMTP_URL: "smtp://user:pass@mail.example:587",
      REPORT_EMAIL_TO: " ops@toktok.cg, direction@toktok.cg ",
      REPORT_DAILY_AT: "07:30",
      REPORT_WEEKLY_AT: "mon 09:15",
      ALERT_WHATSAPP_TO: "06 123 4567, +242 05 765 4321",
      ALERT_WEBHOOK_URL: "https://hooks.example/alerts",
      ALERT_WEBHOOK_SECRET: "a-long-enough-secret",
    });
    expect(config.REPORT_EMAIL_TO).toEqual(["ops@toktok.cg", "direction@toktok.cg"]);
    expect([config.REPORT_DAILY_AT, config.REPORT_WEEKLY_AT]).toEqual(["07:30", "09:15"]);
    expect(config.ALERT_WHATSAPP_TO).toEqual(["242061234567", "242057654321"]);
    // To the second, for a test that must not wait for the next minute (e2e/report-processes.int.test.ts).
    expect(loadConfig({ ...valid, REPORT_DAILY_AT: "07:30:15" }).REPORT_DAILY_AT).toBe("07:30:15");
  });

  it("refuses half a configuration and bad values, naming the variable and never the SMTP password", () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ SMTP_URL: "smtp://user:hunter2-pass@mail.example:587" }, "REPORT_EMAIL_TO"],
      [{ REPORT_EMAIL_TO: "ops@toktok.cg" }, "SMTP_URL"],
      [{ SMTP_URL: "https://mail.example", REPORT_EMAIL_TO: "ops@toktok.cg" }, "SMTP_URL"],
      [{ SMTP_URL: "smtp://mail.example", REPORT_EMAIL_TO: "ops@, x" }, "REPORT_EMAIL_TO"],
      [{ REPORT_DAILY_AT: "25:00" }, "REPORT_DAILY_AT"],
      [{ REPORT_DAILY_AT: "07:30:60" }, "REPORT_DAILY_AT"],
      [{ REPORT_WEEKLY_AT: "TUE 08:00" }, "REPORT_WEEKLY_AT"],
      [{ ALERT_WHATSAPP_TO: "not a phone" }, "ALERT_WHATSAPP_TO"],
      [{ ALERT_WEBHOOK_URL: "https://hooks.example/alerts" }, "ALERT_WEBHOOK_SECRET"],
      [{ ALERT_INTERVAL_MS: "10" }, "ALERT_INTERVAL_MS"],
    ];
    for (const [env, variable] of cases) {
      const error = failure(env);
      expect(error.message, JSON.stringify(env)).toContain(variable);
      expect(error.message).not.toContain("hunter2-pass");
    }
    // The examples' one integer reader: the rule and the unit in the message, a fraction refused.
    expect(failure({ ALERT_INTERVAL_MS: "10" }).issues).toEqual([
      { variable: "ALERT_INTERVAL_MS", message: "must be at least 1000 ms" },
    ]);
    expect(failure({ ALERT_INTERVAL_MS: "1500.5" }).issues).toEqual([
      { variable: "ALERT_INTERVAL_MS", message: "must be an integer" },
    ]);
  });
});
