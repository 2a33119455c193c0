// The operator inbox page in real headless Chromium (issue 22): a customer asks for a person, the
// operator sees the conversation appear live (SSE, no polling) with a sound and the tab badge,
// takes it, replies, and the customer receives the reply through the Graph API stand-in; outside
// the 24-hour window the page refuses free text and sends the approved template.
import { catalogues } from "@toktok/flows";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, requireChromium } from "../test-support/chromium.ts";
import { deliver, operatorToken, SECRET } from "./test-support.ts";

const fr = catalogues.fr;
type HandoffTexts = (typeof catalogues)["fr"]["handoff"];
/** The text in each language: the customer wrote Lingala, which the bot may or may not have switched to. */
const inAnyLanguage = (pick: (t: HandoffTexts) => string) => Object.values(catalogues).map((c) => pick(c.handoff));
const GRACE = "242061240001";
const OLD = "242061240002";
requireChromium("the inbox browser test");

describe.skipIf(!hasChromium)("operator inbox page in Chromium", () => {
  let sim: Simulation;
  let browser: Browser;
  let page: Page;
  const textOf = (m: { body: Record<string, unknown> }) => (m.body.text as { body?: string } | undefined)?.body;

  beforeAll(async () => {
    sim = await startSimulation({ logLevel: "silent", env: { DASHBOARD_JWT_SECRET: SECRET } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  it("refuses a token without the operator role", async () => {
    await page.goto(`${sim.server.url}/dashboard/inbox`);
    await page.fill("#token", await operatorToken("d1", "Patrick", "livreur"));
    await page.click("#signin button[type=submit]");
    await expect.poll(() => page.locator("#signin-error").textContent()).toBe("Ce jeton n'a pas le rôle opérateur.");
  });

  it("shows a waiting customer live with a sound and the tab badge; the operator takes and replies", async () => {
    await page.fill("#token", await operatorToken("op-awa", "Awa Ngoma"));
    await page.click("#signin button[type=submit]");
    await expect.poll(() => page.evaluate<string | undefined>("document.body.dataset.live")).toBe("1");
    expect(await page.locator("[data-testid=conversation]").count()).toBe(0);

    await deliver(sim, GRACE, { type: "text", text: { body: "nalingi kosolola na moto" } });
    const row = page.locator(`[data-testid=conversation][data-wa="${GRACE}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await page.evaluate<string | undefined>("document.body.dataset.beeps")).toBe("1");
    await expect.poll(() => page.title()).toBe("(1) Inbox TokTok");
    expect(await page.locator("[data-testid=badge]").textContent()).toBe("1");

    await row.click();
    await page.locator("[data-testid=take]").click();
    await expect.poll(() => page.locator("#chat").getAttribute("data-owner")).toBe("operator:op-awa");
    await expect.poll(() => page.title()).toBe("Inbox TokTok");
    await sim.graph.waitForMessage(
      (m) => m.to === GRACE && inAnyLanguage((t) => t.operatorJoined("Awa")).includes(textOf(m) ?? ""),
      5_000,
    );

    await page.selectOption("[data-testid=canned]", { label: "Je vérifie" });
    await page.click("[data-testid=send]");
    const reply = await sim.graph.waitForMessage(
      (m) => m.to === GRACE && (textOf(m) ?? "").startsWith("Je vérifie avec le livreur"),
      5_000,
    );
    expect(reply.type).toBe("text");
    await page.locator('[data-testid=line][data-author="operator:op-awa"]').first().waitFor();

    // The customer writes back: the line appears live, and the bot stays silent.
    const before = sim.graph.messages.filter((m) => m.to === GRACE).length;
    await deliver(sim, GRACE, { type: "location", location: { latitude: -4.2634, longitude: 15.2429 } });
    await page.locator("[data-testid=line][data-author=customer][data-kind=location]").waitFor({ timeout: 10_000 });
    expect(sim.graph.messages.filter((m) => m.to === GRACE)).toHaveLength(before);

    // The figures on the page count the handoff and the operator's first response.
    await expect.poll(() => page.locator("[data-testid=figures]").textContent()).toContain("asked 1");
    expect(await page.locator("[data-testid=figures]").textContent()).toMatch(/op-awa : 1re réponse \d+ s/);
    await page.click("[data-testid=release]");
    await sim.graph.waitForMessage(
      (m) => m.to === GRACE && inAnyLanguage((t) => t.backToBot).includes(textOf(m) ?? ""),
      5_000,
    );
  }, 60_000);

  it("outside the 24-hour window refuses free text and sends the approved template", async () => {
    await deliver(
      sim,
      OLD,
      { type: "text", text: { body: "je veux parler à un conseiller" } },
      Date.now() - 26 * 3_600_000,
    );
    const row = page.locator(`[data-testid=conversation][data-wa="${OLD}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await page.locator("[data-testid=take]").click();
    await expect.poll(() => page.locator("[data-testid=window]").textContent()).toContain("Fenêtre de 24 h fermée");
    expect(await page.locator("[data-testid=send]").isDisabled()).toBe(true);
    await page.click("[data-testid=send-template]");
    const sent = await sim.graph.waitForMessage((m) => m.to === OLD && m.type === "template", 5_000);
    expect((sent.body.template as { name: string }).name).toBe("reprise_conversation");
    expect(fr.handoff.waiting(5)).toContain("5 min");
  }, 60_000);
});
