// `pnpm demo`: the real bot against an embedded WhatsApp simulator, in the terminal.
//   pnpm demo                         chat as the customer; /as marchand|livreur|operateur switches phones
//   pnpm demo --script FILE           replay a conversation; exit 1 when an expected reply does not come
//   options: --timeout MS (per expected reply, default 8000), --phone DIGITS, --name NAME
//   LOG_LEVEL (default warn) sets the bot's own logs, on stderr
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { systemClock } from "@toktok/flows";
import type { LogLevel } from "@toktok-example/shared";
import { DemoCast } from "./cast.ts";
import { dashboardDemo } from "./dashboard-demo.ts";
import { runInteractive } from "./interactive.ts";
import type { DemoContext } from "./keyboard.ts";
import { demoPhone } from "./phone.ts";
import { demoBackend, demoPhones } from "./roles.ts";
import { runScript } from "./run-script.ts";
import { startSimulation } from "./simulation.ts";
import { colors } from "./terminal.ts";

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
const tourFile = fileURLToPath(new URL("../../scripts/tour.demo", import.meta.url));

const logLevels: readonly LogLevel[] = ["debug", "info", "warn", "error", "silent"];
const logLevel = logLevels.find((l) => l === process.env.LOG_LEVEL) ?? "warn";
const dashboardEnv = await dashboardDemo.env();
const clock = await dashboardDemo.clock();
const phones = demoPhones({ waId: values.phone, name: values.name });
const sim = await startSimulation({
  logLevel,
  env: {
    ...dashboardEnv,
    LOG_LEVEL: logLevel,
    // Dispatch is on (the bot's default): the tour plays offers to the nearest driver, the proof and the
    // rating. `DISPATCH=off pnpm demo` shows the plain list of missions; the other DISPATCH_* tune it.
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => k.startsWith("DISPATCH") || k === "DELIVERY_CODE_SECRET"),
    ),
  },
  backend: demoBackend(phones),
  // The seeding clock reads the time; timers keep real time (it follows real time once released).
  ...(clock ? { clock: { ...systemClock, now: clock.now } } : {}),
  // Marketplace orders paid by MTN MoMo / Airtel Money go through loopback stand-ins of both APIs.
  mobileMoney: { phone: demoPhone },
});
const print = (line: string) => console.log(line);
const cast = new DemoCast(sim, phones, print);

let code = 0;
try {
  const ctx: DemoContext = { sim, cast, print, dashboardLines: await dashboardDemo.announce(sim, dashboardEnv, clock) };
  for (const line of ctx.dashboardLines) print(line);
  if (source === undefined) {
    ctx.tour = async () => {
      print(colors.dim("── Visite guidée : la boucle complète, du client au livreur ──"));
      const tour = await readFile(tourFile, "utf8");
      const done = await runScript({ ...ctx, tour: undefined }, tour, { timeoutMs, file: "tour", outcome: false });
      cast.switchTo("client");
      print(
        colors.dim(
          done === 0 ? "── Fin de la visite : à vous ! (vous êtes le client) ──" : "── La visite s'est arrêtée. ──",
        ),
      );
    };
    await runInteractive(ctx);
  } else code = await runScript(ctx, source, { timeoutMs, file: values.script ?? "" });
} finally {
  await sim.close();
}
process.exit(code);
