import { expect, it } from "vitest";
import { Analytics } from "../analytics.js";
import { AnalyticsValidationError } from "../errors.js";
import { playErrorRateScript, SCRIPT_NOW, SCRIPT_RULES } from "../testing/scripted-error-rate.js";

it("forged webhooks raise the security alert, not the error-rate one; the drop of completed missions fires though all conversions are flat", async () => {
  const clock = { now: 0 };
  const a = new Analytics({ now: () => clock.now, alerts: SCRIPT_RULES });
  playErrorRateScript(a, clock);
  const fired = await a.evaluateAlerts();
  expect(fired.map((x) => x.rule).sort()).toEqual(["baisse-missions", "signatures-refusees"]);
  expect(fired.find((x) => x.rule === "baisse-missions")).toMatchObject({ value: 28, reference: 70 });
  expect(fired.find((x) => x.rule === "signatures-refusees")).toMatchObject({ value: 50 });

  const window = { from: SCRIPT_NOW - 15 * 60_000, to: SCRIPT_NOW + 1 };
  expect((await a.getSummary(window)).errors).toEqual({ total: 1, rate: 0.005 });
  expect(await a.getTopErrors(5, window)).toMatchObject([
    { name: "WebhookSignatureError", count: 50 },
    { name: "TurnFailedError", count: 1 },
  ]);
  const [today] = await a.getDailyStats({ from: "2026-11-22", to: "2026-11-22" });
  expect(today).toMatchObject({ errors: 1, messages: 200, errorRate: 0.005 });
  await a.close();
});

it("without countsInErrorRate: false the same flood fires the error-rate alert (the option is what keeps it out)", async () => {
  const clock = { now: SCRIPT_NOW - 60_000 };
  const a = new Analytics({ now: () => clock.now, alerts: SCRIPT_RULES.slice(0, 2) });
  for (let i = 0; i < 200; i++) a.trackMessage(`u${i}`, "text");
  for (let i = 0; i < 50; i++) a.trackError(Object.assign(new Error("bad"), { name: "WebhookSignatureError" }));
  clock.now = SCRIPT_NOW;
  expect((await a.evaluateAlerts()).map((x) => x.rule).sort()).toEqual(["signatures-refusees", "taux-erreur"]);
  await a.close();
});

it("refuses a countsInErrorRate that is not a boolean, naming the field", async () => {
  const a = new Analytics();
  expect(() => a.trackError(new Error("x"), undefined, { countsInErrorRate: "no" as unknown as boolean })).toThrow(
    AnalyticsValidationError,
  );
  expect(() => a.trackError(new Error("x"), undefined, { countsInErrorRate: 0 as unknown as boolean })).toThrow(
    /options\.countsInErrorRate/,
  );
  expect((await a.getSummary()).errors.total).toBe(0);
  await a.close();
});
