import type { SimulatedCustomer } from "./customer.ts";
import { parseScript, type ScriptStep } from "./script.ts";
import type { Simulation } from "./simulation.ts";
import { colors, formatCustomerLine } from "./terminal.ts";

/** Options of {@link runScript}. */
export interface RunScriptOptions {
  /** How long each `<` line waits for its reply. */
  timeoutMs: number;
  /** For messages only. */
  file: string;
  /** Where the transcript goes; default stdout. */
  print?: (line: string) => void;
}

/**
 * Replays a demo script against the simulation: `>` lines are sent as the customer, `<` lines must
 * each be matched by a later bot message within the timeout. Prints the missions created and the
 * analytics dashboard at the end. Resolves with the exit code: 0 when every expected reply came, 1 otherwise.
 */
export async function runScript(
  sim: Simulation,
  customer: SimulatedCustomer,
  source: string,
  options: RunScriptOptions,
): Promise<number> {
  const print = options.print ?? ((line: string) => console.log(line));
  let steps: ScriptStep[];
  try {
    steps = parseScript(source);
  } catch (error) {
    print(colors.fail(`✗ ${options.file}: ${(error as Error).message}`));
    return 1;
  }
  let expected = 0;
  for (const step of steps) {
    if (step.kind === "say") {
      print(formatCustomerLine(step.text));
      await customer.say(step.text);
      continue;
    }
    try {
      await customer.expect(step.text, options.timeoutMs);
      expected++;
    } catch (error) {
      print(colors.fail(`✗ ${options.file}:${step.line}: ${(error as Error).message}`));
      return 1;
    }
  }
  print(colors.ok(`✓ ${expected} expected replies received (${options.file})`));
  await printOutcome(sim, customer, print);
  return 0;
}

/** The missions the conversation created, then the terminal analytics dashboard. */
export async function printOutcome(
  sim: Simulation,
  customer: SimulatedCustomer,
  print: (line: string) => void,
): Promise<void> {
  const all = await sim.bot.backend.missions.list({});
  const missions = all.filter((m) => m.clientPhone.replace(/\D/g, "") === customer.waId);
  for (const m of missions) {
    print(
      `🛵 mission ${m.reference} — ${m.status}: ${m.pickup.address ?? "GPS"} → ${m.destination.address ?? "GPS"}, ${m.price} FCFA`,
    );
  }
  print("");
  print(await sim.bot.analytics.renderDashboard());
}
