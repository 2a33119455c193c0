// `pnpm demo`: the real bot against an embedded WhatsApp simulator, in the terminal.
//   pnpm demo                         chat as a customer
//   pnpm demo --script FILE           replay a conversation; exit 1 when an expected reply does not come
//   options: --timeout MS (per expected reply, default 8000), --phone DIGITS, --name NAME
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { dashboardDemo } from "./dashboard-demo.ts";
import { runInteractive } from "./interactive.ts";
import { runScript } from "./run-script.ts";
import { startSimulation } from "./simulation.ts";
import { formatBotMessage } from "./terminal.ts";

const { values } = parseArgs({
  options: {
    script: { type: "string" },
    timeout: { type: "string", default: "8000" },
    phone: { type: "string", default: "242061234567" },
    name: { type: "string", default: "Grâce" },
    help: { type: "boolean", short: "h" },
  },
  allowPositionals: false,
});

if (values.help) {
  console.log("usage: pnpm demo [--script FILE] [--timeout MS] [--phone DIGITS] [--name NAME]");
  process.exit(0);
}
if (!/^\d{8,15}$/.test(values.phone)) {
  console.error("--phone must be the customer's WhatsApp number in digits with the country code, e.g. 242061234567");
  process.exit(2);
}
const timeoutMs = Number(values.timeout);
if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
  console.error("--timeout must be a positive number of milliseconds");
  process.exit(2);
}
// `pnpm demo` runs in this package's folder: read a relative path from where the user typed it (INIT_CWD).
const scriptPath = values.script
  ? [resolve(process.env.INIT_CWD ?? process.cwd(), values.script), resolve(values.script)].find((p) => existsSync(p))
  : undefined;
if (values.script && !scriptPath) {
  console.error(`--script: no file ${values.script}`);
  process.exit(2);
}
const source = scriptPath ? await readFile(scriptPath, "utf8") : undefined;

const dashboardEnv = await dashboardDemo.env();
const clock = await dashboardDemo.clock();
const sim = await startSimulation({ logLevel: "warn", env: dashboardEnv, ...(clock ? { now: clock.now } : {}) });
const customer = sim.customer(values.phone, values.name, (m) => console.log(formatBotMessage(m)));

let code = 0;
try {
  await dashboardDemo.announce(sim, dashboardEnv, clock);
  if (source === undefined) await runInteractive(sim, customer);
  else code = await runScript(sim, customer, source, { timeoutMs, file: values.script ?? "" });
} finally {
  await sim.close();
}
process.exit(code);
