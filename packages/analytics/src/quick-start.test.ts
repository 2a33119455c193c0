// The README's quick start and the alert example, read from the README at test time and run:
// a README edit that breaks them fails here.
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { readmeBlock, runReadmeBlock } from "../../../scripts/readme-blocks.js";
import type { FunnelReport } from "./index.js";

const readme = new URL("../README.md", import.meta.url);
const imports = { "@toktok/analytics": new URL("./index.ts", import.meta.url) };

it("README quick start", async () => {
  const run = await runReadmeBlock(readmeBlock(readme, "## Quick start"), {
    imports,
    expose: ["summary", "funnel", "exposition"],
  });
  expect((run.summary as { revenueXaf: number }).revenueXaf).toBe(2500);
  expect((run.funnel as FunnelReport).completionPct).toBe(100);
  expect(run.exposition).toContain("toktok_messages_total");
});

it("README alerts that reach people", async () => {
  const run = await runReadmeBlock(readmeBlock(readme, "## Alerts that reach people"), {
    imports,
    // The README's stand-ins: a store, a WhatsApp client, and the record the dashboard acknowledges.
    prelude: [
      `import { MemoryStore } from ${JSON.stringify(fileURLToPath(imports["@toktok/analytics"]))};`,
      "const store = new MemoryStore();",
      "const operator = '242061234567';",
      "const sent = [];",
      "const whatsapp = { sendText: async (to, body) => void sent.push([to, body]) };",
    ].join("\n"),
    replace: [
      [
        'await analytics.acknowledgeAlert(record.id, { by: "operateur" });',
        "analytics.trackMessage('u', 'text'); analytics.trackError(new Error('x'));\nconst [{ record }] = await monitor.runOnce();\nconst acked = await analytics.acknowledgeAlert(record.id, { by: \"operateur\" });",
      ],
      [
        'await analytics.listAlerts({ states: ["active", "acknowledged"] });',
        'const open = await analytics.listAlerts({ states: ["active", "acknowledged"] });',
      ],
    ],
    expose: ["sent", "acked", "open"],
  });
  expect(run.sent).toEqual([["242061234567", expect.stringMatching(/^🔴 errorRate = 100,00 %/)]]);
  expect(run.acked).toMatchObject({ state: "acknowledged", acknowledgedBy: "operateur" });
  expect(run.open).toHaveLength(1);
});

it("README Excel and PDF", async () => {
  const run = await runReadmeBlock(readmeBlock(readme, "## Excel and PDF"), {
    imports: { ...imports, "@toktok/analytics/files": new URL("./export/files/index.ts", import.meta.url) },
    prelude: [
      `import { Analytics } from ${JSON.stringify(fileURLToPath(imports["@toktok/analytics"]))};`,
      "const analytics = new Analytics({ now: () => Date.UTC(2026, 10, 20, 12) });",
      "analytics.trackConversion('242061234567', 'order_completed', 23_700_000);",
    ].join("\n"),
    expose: ["xlsx", "pdf", "data"],
  });
  expect((run.xlsx as Buffer).subarray(0, 2).toString()).toBe("PK"); // a zip: the .xlsx container
  expect((run.pdf as Buffer).subarray(0, 5).toString()).toBe("%PDF-");
  expect((run.data as { summary: { revenueXaf: number } }).summary.revenueXaf).toBe(23_700_000);
});
