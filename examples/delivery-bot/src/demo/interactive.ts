import { createInterface } from "node:readline/promises";
import type { SimulatedCustomer } from "./customer.ts";
import { printOutcome } from "./run-script.ts";
import type { Simulation } from "./simulation.ts";
import { colors, formatCustomerLine } from "./terminal.ts";

const HELP = [
  "Vous êtes le client. Écrivez comme sur WhatsApp, par exemple « Bonjour » ou « je veux envoyer un colis ».",
  "  1, 2, 3…          choisir un bouton ou une ligne de liste",
  "  /loc LAT LON      partager une position (ex. /loc -4.2634 15.2429)",
  "  /stats            le tableau de bord analytics",
  "  /quit             quitter",
].join("\n");

/** The terminal chat: reads what the customer types until `/quit` or end of input. */
export async function runInteractive(sim: Simulation, customer: SimulatedCustomer): Promise<void> {
  console.log(colors.dim(`TokTok demo — bot on ${sim.server.url}, WhatsApp simulated on ${sim.graph.url}`));
  console.log(colors.dim(HELP));
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: colors.you("vous   › ") });
  let closed = false;
  rl.once("close", () => {
    closed = true;
  });
  // Piped input (no terminal): no prompt, but echo the lines so the transcript reads well.
  const tty = process.stdin.isTTY === true;
  if (tty) rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (!tty && line !== "") console.log(formatCustomerLine(line));
    if (line === "/quit" || line === "/exit") break;
    if (line === "/help") console.log(HELP);
    else if (line === "/stats") await printOutcome(sim, customer, (l) => console.log(l));
    else if (line !== "") {
      try {
        await customer.say(line);
      } catch (error) {
        console.log(colors.fail(`✗ ${(error as Error).message}`));
      }
    }
    if (tty && !closed) rl.prompt();
  }
  rl.close();
}
