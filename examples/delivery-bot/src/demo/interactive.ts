import { createInterface } from "node:readline/promises";
import { type DemoContext, HELP, TRY_THIS, typeLine } from "./keyboard.ts";
import { roleLabels } from "./roles.ts";
import { colors, formatTypedLine } from "./terminal.ts";

/** The terminal chat: reads what you type, as whichever phone you play, until `/quit` or end of input. */
export async function runInteractive(ctx: DemoContext): Promise<void> {
  const { sim, cast, print } = ctx;
  print(colors.dim(`TokTok demo — bot on ${sim.server.url}, WhatsApp simulated on ${sim.graph.url}`));
  print(colors.dim(HELP));
  print("");
  for (const line of TRY_THIS) print(line);
  const prompt = () => colors.you(`${roleLabels[cast.current]} › `);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: prompt() });
  let closed = false;
  rl.once("close", () => {
    closed = true;
  });
  // Piped input (no terminal): no prompt, but echo the lines so the transcript reads well.
  const tty = process.stdin.isTTY === true;
  if (tty) rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (!tty && line !== "") print(formatTypedLine(line, roleLabels[cast.current]));
    if (line !== "" && (await typeLine(ctx, line)) === "quit") break;
    if (tty && !closed) {
      rl.setPrompt(prompt());
      rl.prompt();
    }
  }
  rl.close();
}
