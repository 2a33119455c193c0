// Two separate bot processes (`node src/main.ts`, as deployed) on one Redis of their own, with a real
// SMTP server on loopback: the scheduled daily report is e-mailed exactly once. The schedule is the
// documented REPORT_DAILY_AT, given to the second (`HH:MM:SS`) a few seconds ahead, so the test waits
// for the report's own time and nothing else: it ends when one process has mailed it and the other
// has logged that the period was already claimed.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultyRedis, startFaultyRedis } from "../../../../scripts/faults/redis-server.ts";
import { startSmtp } from "../reports/smtp-test-server.ts";
import { type BotProcess, spawnBot } from "../test-support/bot-process.ts";

const redisServer = process.env.REDIS_SERVER_BIN ?? "redis-server";
const haveRedisServer = spawnSync(redisServer, ["--version"]).status === 0;
if (!haveRedisServer) {
  const message = `report-processes.int.test.ts: \`${redisServer}\` not found; the two bot processes need a private redis-server`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`SKIPPED ${message}`);
}

/** Ahead of the spawn by enough for two processes to boot on a loaded 2-core machine. */
const LEAD_MS = 8_000;
/** Brazzaville is UTC+1 all year (no DST): the bot's analytics time zone. */
const BRAZZAVILLE_OFFSET_MS = 3_600_000;

describe.skipIf(!haveRedisServer)("delivery bot: the daily report from two processes on one Redis", () => {
  let redis: FaultyRedis;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const bots: BotProcess[] = [];
  const password = randomBytes(9).toString("base64url");

  beforeAll(async () => {
    redis = await startFaultyRedis();
    smtp = await startSmtp({ user: "toktok", pass: password });
  }, 30_000);
  afterAll(async () => {
    for (const bot of bots) bot.child.kill("SIGTERM");
    await Promise.all(
      bots.map(
        (b) => new Promise((resolve) => (b.child.exitCode !== null ? resolve(null) : b.child.once("exit", resolve))),
      ),
    );
    await smtp?.close();
    await redis?.close();
  });

  it("sends the scheduled daily report exactly once", async () => {
    const due = Date.now() + LEAD_MS;
    const dailyAt = new Date(due + BRAZZAVILLE_OFFSET_MS).toISOString().slice(11, 19);
    const env = {
      PORT: "0",
      HOST: "127.0.0.1",
      WHATSAPP_TOKEN: "EAAG-reports",
      WHATSAPP_PHONE_NUMBER_ID: "555000666",
      WHATSAPP_APP_SECRET: randomBytes(8).toString("hex"),
      WHATSAPP_VERIFY_TOKEN: "it",
      WHATSAPP_API_BASE_URL: "http://127.0.0.1:9", // never called: nobody writes to these bots
      REDIS_URL: redis.url,
      SMTP_URL: smtp.url,
      REPORT_EMAIL_TO: "ops@toktok.cg",
      REPORT_DAILY_AT: dailyAt,
      LOG_LEVEL: "debug",
    };
    bots.push(...(await Promise.all([spawnBot(env), spawnBot(env)])));
    // Both schedules were armed before the report's time, else this test proves nothing.
    for (const bot of bots) expect(bot.startedAt).toBeLessThan(due);

    const claimed = () => bots.filter((b) => b.log().includes("report already claimed by another process"));
    await expect
      .poll(() => smtp.received.length > 0 && claimed().length > 0, { timeout: LEAD_MS + 10_000, interval: 100 })
      .toBe(true);
    expect(smtp.received).toHaveLength(1);
    expect(claimed()).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to && "text" in mail.to ? mail.to.text : "").toContain("ops@toktok.cg");
    expect(mail?.attachments.map((a) => a.contentType)).toEqual(["application/pdf"]);
    for (const bot of bots) expect(bot.log()).not.toContain(password);
  }, 40_000);
});
