// Debian's `chromium` (installed by .ci/tools.d/chromium.sh) for the browser tests, driven by
// playwright-core with executablePath — no browser download. One place for the path, the flags and
// the rule that a missing browser skips loudly locally and fails under CI=true.
import { existsSync } from "node:fs";
import { describe, it } from "vitest";

/** The browser binary; overridable only to prove the CI failure path (`CHROMIUM_PATH=/nope CI=true`). */
export const CHROMIUM: string = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless flags that keep the browser off the network and quiet. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** True when the browser is installed. */
export const hasChromium: boolean = existsSync(CHROMIUM);

/**
 * Call at the top of a browser test file: without the browser, registers a failing test under
 * `CI=true` (a browser test must run there) and prints a loud banner otherwise.
 */
export function requireChromium(suite: string): void {
  if (hasChromium) return;
  if (process.env.CI === "true") {
    describe(suite, () => {
      it("needs Debian's chromium at /usr/bin/chromium (run .ci/tools.d/chromium.sh)", () => {
        throw new Error(`${CHROMIUM} is missing: under CI the browser test must run, not skip`);
      });
    });
    return;
  }
  console.warn(
    `\n${"!".repeat(78)}\n!! SKIPPING ${suite}: ${CHROMIUM} is missing.\n` +
      `!! Install it with: bash .ci/tools.d/chromium.sh   (under CI=true this test fails instead)\n${"!".repeat(78)}\n`,
  );
}
