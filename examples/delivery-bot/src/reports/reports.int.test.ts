import { randomBytes } from "node:crypto";
import { type Analytics, groupDigits } from "@toktok/analytics";
import { createLogger } from "@toktok-example/shared";
import { Redis } from "ioredis";
import type { ParsedMail } from "mailparser";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.ts";
import { mintDashboardToken, mountDashboard } from "../dashboard-api/index.ts";
import { SCRIPTED_NOW, scriptedDay } from "../dashboard-api/scripted-day.ts";
import { serveOnLoopback } from "../dashboard-api/test-server.ts";
import { RedisReportClaims } from "./claims.ts";
import { createReportMailer } from "./mailer.ts";
import { createReportDelivery } from "./report-delivery.ts";
import { startSmtp } from "./smtp-test-server.ts";

const HOUR = 3_600_000;
/** Wednesday 11 March 2026, 08:00 in Brazzaville (UTC+1): the daily report about Tuesday is due. */
const WEDNESDAY_8AM = Date.parse("2026-03-11T07:00:00Z");

/** Timers that never fire by themselves: the test runs the captured job when its clock says so. */
function fakeTimers() {
  const armed: { fn: () => void; ms: number }[] = [];
  return {
    armed,
    timers: {
      setTimeout: (fn: () => void, ms: number) => {
        armed.push({ fn, ms });
        return armed.length;
      },
      clearTimeout: () => {},
    },
  };
}

async function pdfText(content: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(content) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, " ");
  } finally {
    await parser.destroy();
  }
}

describeWithRedis("scheduled e-mailed reports (real SMTP server, shared Redis)", () => {
  const prefix = `toktok-it-report-${process.pid}-${randomBytes(3).toString("hex")}:`;
  const password = "s3cret-smtp-pass";
  const clock = { now: SCRIPTED_NOW };
  let analytics: Analytics;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const redises: Redis[] = [];
  const logLines: string[] = [];
  const logger = createLogger("debug", (line) => logLines.push(line));

  beforeAll(async () => {
    analytics = await scriptedDay(clock);
    smtp = await startSmtp({ user: "toktok", pass: password });
  });

  afterAll(async () => {
    for (const r of redises) {
      const keys = await r.keys(`${prefix}*`);
      if (keys.length > 0) await r.del(...keys);
      r.disconnect();
    }
    await smtp?.close();
    await analytics?.close();
  });

  function startProcess(
    timers: ReturnType<typeof fakeTimers>["timers"],
    retry: { attempts?: number; waits?: number[] } = {},
  ) {
    // Each "process" has its own Redis connection and mailer, as two bot processes would.
    const redis = new Redis(services().redisUrl);
    redises.push(redis);
    const mailer = createReportMailer({
      smtpUrl: smtp.url,
      to: ["ops@toktok.test"],
      logger,
      retry: { attempts: retry.attempts ?? 4, baseDelayMs: 1_000 },
      // Backoff recorded, not waited on the wall clock.
      sleep: async (ms) => {
        retry.waits?.push(ms);
      },
    });
    const delivery = createReportDelivery({ analytics, mailer, claims: new RedisReportClaims(redis, prefix), logger });
    return { delivery, schedule: delivery.start({ daily: "08:00", weekly: "08:00", timers }) };
  }

  it("two schedulers on one Redis: Tuesday's daily report arrives once, its HTML and PDF with Tuesday's figures", async () => {
    const a = fakeTimers();
    const b = fakeTimers();
    const first = startProcess(a.timers);
    const second = startProcess(b.timers);
    // From Tuesday 10:00, the next daily report is due on Wednesday at 08:00: 22 hours later.
    const dueA = a.armed.find((t) => t.ms === 22 * HOUR);
    const dueB = b.armed.find((t) => t.ms === 22 * HOUR);
    expect(dueA && dueB).toBeTruthy();
    clock.now = WEDNESDAY_8AM;
    const armedBefore = [a.armed.length, b.armed.length];
    dueA?.fn();
    dueB?.fn();
    // Each scheduler re-arms its job once the run is over (sent, or skipped for the other's claim).
    await vi.waitFor(() => expect([a.armed.length, b.armed.length]).toEqual(armedBefore.map((n) => n + 1)), {
      timeout: 20_000,
      interval: 20,
    });
    first.schedule.stop();
    second.schedule.stop();

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0] as ParsedMail;
    const report = await analytics.renderReport({ period: "day", date: "2026-03-10" });
    const tuesday = report.figures.current;
    expect(mail.subject).toBe(report.subject);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("ops@toktok.test");
    expect(mail.html).toBe(report.html);
    expect(mail.text?.trim()).toBe(report.text.trim());
    expect(tuesday.messages.total).toBe(10);
    expect(mail.html).toContain(groupDigits(tuesday.revenueXaf));
    expect(mail.html).toContain(groupDigits(tuesday.messages.total));
    expect(mail.attachments).toHaveLength(1);
    const pdf = mail.attachments[0];
    expect(pdf?.contentType).toBe("application/pdf");
    expect(pdf?.filename).toBe("rapport-jour-2026-03-10.pdf");
    const text = await pdfText(pdf?.content as Buffer);
    expect(text).toContain(`Messages ${groupDigits(tuesday.messages.total)}`);
    expect(text).toContain(`2026-03-10 ${groupDigits(4)} ${groupDigits(10)} ${groupDigits(2)}`);
    // The password never reached a log line.
    expect(logLines.join("\n")).not.toContain(password);
  });

  it("a run whose sends all fail gives its claim back: the other process's run then delivers the report", async () => {
    const weeklyKey = "weekly:2026-03-09";
    clock.now = SCRIPTED_NOW;
    const a = fakeTimers();
    const b = fakeTimers();
    const waits: number[] = [];
    const failing = startProcess(a.timers, { attempts: 2, waits });
    const healthy = startProcess(b.timers);
    // The weekly report (Monday 08:00) about the week of 9 March, due from Tuesday 10:00 in 6 days minus 2 hours.
    const dueA = a.armed.find((t) => t.ms === 6 * 24 * HOUR - 2 * HOUR);
    const dueB = b.armed.find((t) => t.ms === 6 * 24 * HOUR - 2 * HOUR);
    expect(dueA && dueB).toBeTruthy();
    clock.now = Date.parse("2026-03-16T07:00:00Z");
    const before = smtp.received.length;
    smtp.refuse(2);
    const armedA = a.armed.length;
    dueA?.fn();
    await vi.waitFor(() => expect(a.armed.length).toBe(armedA + 1), { timeout: 20_000, interval: 20 });
    expect(waits).toEqual([1_000]);
    expect(smtp.received.length).toBe(before);
    expect(await redises[0]?.exists(`${prefix}${weeklyKey}`)).toBe(0);
    const armedB = b.armed.length;
    dueB?.fn();
    await vi.waitFor(() => expect(b.armed.length).toBe(armedB + 1), { timeout: 20_000, interval: 20 });
    failing.schedule.stop();
    healthy.schedule.stop();
    expect(smtp.received.length).toBe(before + 1);
    expect(smtp.received.at(-1)?.attachments[0]?.filename).toBe("rapport-semaine-2026-03-09.pdf");
    // Kept after the successful send: no process sends this week's report again.
    expect(await redises[0]?.exists(`${prefix}${weeklyKey}`)).toBe(1);
  });

  it("POST /api/analytics/reports/send (admin) e-mails the report now, whatever the claims", async () => {
    const before = smtp.received.length;
    const { delivery, schedule } = startProcess(fakeTimers().timers);
    schedule.stop();
    const secret = "reports-secret-of-at-least-32-characters";
    const server = await serveOnLoopback(
      mountDashboard({ analytics, env: { DASHBOARD_JWT_SECRET: secret }, reports: delivery }),
    );
    try {
      const send = async (token: string) =>
        fetch(`${server.url}/api/analytics/reports/send?period=week`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
        });
      const merchant = await mintDashboardToken({ secret, role: "entreprise", company: "chez-mama" });
      expect((await send(merchant)).status).toBe(403);
      const res = await send(await mintDashboardToken({ secret }));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ sent: true, period: "week", from: "2026-03-16", to: "2026-03-22" });
      expect(smtp.received.length).toBe(before + 1);
      expect(smtp.received.at(-1)?.attachments[0]?.filename).toBe("rapport-semaine-2026-03-16.pdf");
    } finally {
      await server.close();
    }
  });

  it("a wrong password fails without retrying forever and without the password in the error", async () => {
    const badUrl = smtp.url.replace(password, "wrong-password-123");
    const mailer = createReportMailer({ smtpUrl: badUrl, to: ["ops@toktok.test"], logger, sleep: async () => {} });
    const error = await mailer
      .send({ subject: "x", html: "<p>x</p>", text: "x", pdf: { filename: "x.pdf", content: Buffer.from("%PDF-") } })
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain("wrong-password-123");
    expect(logLines.join("\n")).not.toContain("wrong-password-123");
  });
});
