import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { systemClock } from "@toktok/flows";
import { checkSignature } from "@toktok-example/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../bot/create-bot.ts";
import { loadConfig } from "../config/env.ts";
import { mintDashboardToken } from "../dashboard-api/index.ts";
import type { RunningServer } from "../server/listen.ts";
import { type GraphStandIn, startGraphStandIn } from "../simulator/graph-stand-in.ts";
import { createWebhookSigner, type WebhookSigner } from "../simulator/webhook-signer.ts";

const OPERATOR = "242069990000";
const OTHER_OPERATOR = "242069990001";
const DASHBOARD_SECRET = "alerts-e2e-secret-of-at-least-32-chars";
const WEBHOOK_SECRET = "alert-webhook-secret-123";
const secrets = { token: "EAAG-alerts", appSecret: "alerts-app-secret", phoneNumberId: "555000222" };

// The bot in-process on loopback: customers' replies fail at the Graph stand-in, the error-rate rule
// fires, the operators are told on WhatsApp (and the signed webhook), the dashboard acknowledges it,
// and a resolve message follows once the 15-minute window holds no error. The monitor's timer is a
// fake: each evaluation is `runOnce()`, and the analytics clock is moved by hand.
describe("alerts that reach people", () => {
  let graph: GraphStandIn;
  let signer: WebhookSigner;
  let bot: Bot;
  let server: RunningServer;
  let now = Date.parse("2026-03-10T09:00:00Z");
  const hooks: { body: string; problem: string | undefined }[] = [];
  const hookServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const problem = checkSignature(
        WEBHOOK_SECRET,
        raw,
        {
          signature: req.headers["x-toktok-signature"] as string | undefined,
          timestamp: req.headers["x-toktok-timestamp"] as string | undefined,
        },
        { toleranceSeconds: 300 },
      );
      hooks.push({ body: raw.toString("utf8"), problem });
      res.writeHead(204).end();
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => hookServer.listen(0, "127.0.0.1", resolve));
    graph = await startGraphStandIn({ accessToken: secrets.token, phoneNumberId: secrets.phoneNumberId });
    signer = createWebhookSigner({ appSecret: secrets.appSecret, phoneNumberId: secrets.phoneNumberId });
    const config = loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      WHATSAPP_TOKEN: secrets.token,
      WHATSAPP_PHONE_NUMBER_ID: secrets.phoneNumberId,
      WHATSAPP_APP_SECRET: secrets.appSecret,
      WHATSAPP_VERIFY_TOKEN: "alerts",
      WHATSAPP_API_BASE_URL: graph.url,
      ALERT_WHATSAPP_TO: `${OPERATOR}, ${OTHER_OPERATOR}`,
      ALERT_WHATSAPP_TEMPLATE: "alerte_operateur",
      ALERT_WEBHOOK_URL: `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/alerts`,
      ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET,
      LOG_LEVEL: "silent",
    });
    const never = { setTimeout: () => 0, clearTimeout: () => {}, setInterval: () => 0, clearInterval: () => {} };
    bot = await createBot({
      config,
      env: { DASHBOARD_JWT_SECRET: DASHBOARD_SECRET },
      clock: { ...systemClock, now: () => now },
      timers: never,
    });
    server = await bot.listen();
  });
  afterAll(async () => {
    await bot?.close();
    await graph?.close();
    await new Promise<void>((resolve) => hookServer.close(() => resolve()));
  });

  const say = async (from: string, text: string) => {
    const d = signer.text({ from }, text);
    const res = await fetch(`${server.url}/webhook`, { method: "POST", headers: d.headers, body: d.body });
    expect(res.status).toBe(200);
  };
  const toOperator = () => graph.messages.filter((m) => m.to === OPERATOR);

  it("failed sends raise the error-rate alert once; each operator is told; a resolve message follows", async () => {
    // Graph refuses every send with a permanent error: the replies are given up (dead letters, counted as errors).
    graph.setFault({ kind: "error", status: 400, code: 100, only: "sends" });
    for (const customer of ["242060000011", "242060000012", "242060000013"]) await say(customer, "Bonjour");
    await bot.drain();
    graph.setFault(undefined);
    const summary = await bot.analytics.getSummary({ from: now - 15 * 60_000, to: now + 1 });
    expect(summary.errors.total).toBeGreaterThan(0);
    expect(summary.errors.rate).toBeGreaterThan(0.01);

    // The second operator's 24-hour window is closed: the alert template goes to them instead.
    graph.setWindowClosed(OTHER_OPERATOR);
    const fired = await bot.operator.alerts.runOnce();
    expect(fired.map((n) => [n.event, n.record.rule])).toEqual([["fired", "taux-erreur"]]);
    const alertMessage = await graph.waitForMessage((m) => m.to === OPERATOR);
    expect(alertMessage.type).toBe("text");
    expect(JSON.stringify(alertMessage.body)).toContain("taux-erreur");
    const template = await graph.waitForMessage((m) => m.to === OTHER_OPERATOR);
    expect(template.type).toBe("template");
    expect((template.body.template as { name: string }).name).toBe("alerte_operateur");
    expect(hooks).toHaveLength(1);
    expect(hooks[0]?.problem).toBeUndefined();
    expect(JSON.parse(hooks[0]?.body ?? "{}")).toMatchObject({
      type: "alert.fired",
      alert: { rule: "taux-erreur", state: "active" },
    });

    // Still firing a minute later: no second message.
    now += 60_000;
    expect(await bot.operator.alerts.runOnce()).toEqual([]);
    expect(toOperator()).toHaveLength(1);

    // Acknowledged from the dashboard's Alerts tab.
    const admin = await mintDashboardToken({ secret: DASHBOARD_SECRET, subject: "grace" });
    const auth = { authorization: `Bearer ${admin}` };
    const alerts = (await (await fetch(`${server.url}/api/analytics/alerts`, { headers: auth })).json()) as {
      records: { id: string; rule: string; state: string }[];
    };
    const record = alerts.records.find((r) => r.rule === "taux-erreur");
    expect(record?.state).toBe("active");
    const ack = await fetch(`${server.url}/api/analytics/alerts/${record?.id}/ack`, { method: "POST", headers: auth });
    expect(ack.status).toBe(200);
    expect(((await ack.json()) as { record: unknown }).record).toMatchObject({
      state: "acknowledged",
      acknowledgedBy: "grace",
    });
    const unknown = await fetch(`${server.url}/api/analytics/alerts/nope/ack`, { method: "POST", headers: auth });
    expect(unknown.status).toBe(404);
    // No SMTP_URL here: sending a report now is refused, saying why.
    const report = await fetch(`${server.url}/api/analytics/reports/send`, { method: "POST", headers: auth });
    expect(report.status).toBe(503);
    expect(((await report.json()) as { error: string }).error).toBe("reports_not_configured");

    // Recovered: a quarter of an hour later the window holds no error, the alert resolves, once.
    now += 16 * 60_000;
    const resolved = await bot.operator.alerts.runOnce();
    expect(resolved.map((n) => [n.event, n.record.rule])).toEqual([["resolved", "taux-erreur"]]);
    await graph.waitForMessage((m) => m.to === OPERATOR && JSON.stringify(m.body).includes("résolue"));
    expect(toOperator()).toHaveLength(2);
    expect(JSON.parse(hooks[1]?.body ?? "{}")).toMatchObject({ type: "alert.resolved" });
    expect(await bot.operator.alerts.runOnce()).toEqual([]);
  });

  it("refused webhook signatures and bad dashboard tokens raise the security alerts, not the error-rate one", async () => {
    // A real customer talks in the same window, so the error rate has messages to be a share of.
    await say("242060000015", "Bonjour");
    await bot.drain();
    const d = signer.text({ from: "242060000014" }, "Bonjour");
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${server.url}/webhook`, {
        method: "POST",
        headers: { ...d.headers, "x-hub-signature-256": `sha256=${"0".repeat(64)}` },
        body: d.body,
      });
      expect(res.status).toBe(403);
    }
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.url}/api/analytics/summary`, {
        headers: { authorization: "Bearer not.a.jwt" },
      });
      expect(res.status).toBe(401);
    }
    const fired = await bot.operator.alerts.runOnce();
    expect(fired.map((n) => n.record.rule).sort()).toEqual([
      "jetons-dashboard-invalides",
      "signatures-webhook-refusees",
    ]);
    const top = await bot.analytics.getTopErrors(20, { from: now - 60_000, to: now + 1 });
    expect(top.find((e) => e.name === "WebhookSignatureError")?.count).toBe(10);
    expect(top.find((e) => e.name === "DashboardTokenError")?.count).toBe(5);
    // Attacks, not the bot failing: outside errors.total and the error rate.
    const summary = await bot.analytics.getSummary({ from: now - 15 * 60_000, to: now + 1 });
    expect(summary.messages.total).toBeGreaterThan(0);
    expect(summary.errors).toEqual({ total: 0, rate: 0 });
  });
});
