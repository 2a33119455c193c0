// The link `pnpm demo` prints opens the dashboard signed in: the demo is started as a newcomer
// starts it, the link is read from its output, and real headless Chromium opens it — no token typed.
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, requireChromium } from "../test-support/chromium.ts";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const LINK = /^(http:\/\/127\.0\.0\.1:\d+\/dashboard#token=([\w-]+\.[\w-]+\.[\w-]+))$/m;
const INBOX = /^(http:\/\/127\.0\.0\.1:\d+\/dashboard\/inbox#token=([\w-]+\.[\w-]+\.[\w-]+))$/m;

requireChromium("the demo's dashboard link in Chromium");

describe.skipIf(!hasChromium)("the demo's dashboard link in Chromium", () => {
  let demo: ChildProcessByStdio<Writable, Readable, Readable>;
  let browser: Browser;
  let out = "";
  let logs = "";
  let link: RegExpExecArray;

  beforeAll(async () => {
    // `pnpm demo` builds what is missing (the page included), then starts; LOG_LEVEL=debug so every
    // log line the bot can write is there to be searched for the token.
    demo = spawn("pnpm", ["demo"], {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1", LOG_LEVEL: "debug" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    demo.stderr.on("data", (c: Buffer) => {
      logs += c.toString();
    });
    link = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no dashboard link printed; the demo said:\n${out}${logs}`)),
        150_000,
      );
      demo.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        const found = LINK.exec(out);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      demo.once("exit", (code) =>
        reject(new Error(`the demo exited (${code}) before printing the link:\n${out}${logs}`)),
      );
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (demo && demo.exitCode === null) {
      demo.stdin.end("/quit\n");
      await once(demo, "exit");
    }
  });

  it("prints the link alone on its line, under a one-line title", () => {
    const lines = out.split("\n");
    const at = lines.indexOf(link[1] as string);
    expect(at).toBeGreaterThan(0);
    expect(lines[at - 1]).toContain("Tableau de bord");
  });

  it("opens on the seeded figures without the sign-in form, and the token leaves the address bar", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(link[1] as string);
    await page.locator('[data-kpi="revenueXaf"]').waitFor();
    expect(await page.locator("#token").count()).toBe(0);
    await page.click('button[data-period="30d"]');
    await expect.poll(() => page.locator('[data-kpi="missions"]').textContent()).not.toBe("0");
    expect(new URL(page.url()).hash).not.toContain("token");
  });

  it("prints the operator inbox link alone on its line; it opens the inbox signed in, the token off the address bar", async () => {
    const inbox = INBOX.exec(out);
    expect(inbox).not.toBeNull();
    const lines = out.split("\n");
    const at = lines.indexOf((inbox as RegExpExecArray)[1] as string);
    expect(lines[at - 1]).toContain("Boîte de réception");
    const page = await (await browser.newContext()).newPage();
    await page.goto((inbox as RegExpExecArray)[1] as string);
    await page.locator("#app:not([hidden])").waitFor();
    expect(await page.locator("#signin").isHidden()).toBe(true);
    expect(new URL(page.url()).hash).not.toContain("token");
  });

  it("never writes the token to the bot's logs", async () => {
    demo.stdin.end("/quit\n");
    await once(demo, "exit");
    expect(logs.length).toBeGreaterThan(0); // debug logs were on: the check below has something to search
    expect(logs).not.toContain(link[2]);
  });
});
