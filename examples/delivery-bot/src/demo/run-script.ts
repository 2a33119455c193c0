import { type DemoContext, typeLine } from "./keyboard.ts";
import { printOutcome } from "./outcome.ts";
import { roleLabels } from "./roles.ts";
import { parseScript, type ScriptStep } from "./script.ts";
import { colors, formatTypedLine } from "./terminal.ts";

/** Options of {@link runScript}. */
export interface RunScriptOptions {
  /** How long each `<` line waits for its reply. */
  timeoutMs: number;
  /** For messages only. */
  file: string;
  /** Print the missions, orders and analytics at the end (the `--script` run does; the tour does not). */
  outcome?: boolean;
}

/**
 * Replays a demo script: `>` lines are typed exactly as at the interactive keyboard (so `/as livreur`
 * switches phones), `<` lines must each be matched by a later message of the current phone within
 * the timeout, `##` notes are printed. Resolves with the exit code: 0 when every expected reply
 * came, 1 otherwise (naming the line).
 */
export async function runScript(ctx: DemoContext, source: string, options: RunScriptOptions): Promise<number> {
  const { print, cast } = ctx;
  let steps: ScriptStep[];
  try {
    steps = parseScript(source);
  } catch (error) {
    print(colors.fail(`✗ ${options.file}: ${(error as Error).message}`));
    return 1;
  }
  let expected = 0;
  for (const step of steps) {
    if (step.kind === "note") {
      print(colors.dim(`💬 ${step.text}`));
      continue;
    }
    if (step.kind === "say") {
      print(formatTypedLine(step.text, roleLabels[cast.current]));
      await typeLine(ctx, step.text);
      continue;
    }
    const phone = cast.active;
    try {
      if (!phone) throw new Error(`${roleLabels.operateur} has no phone: switch with /as before a "<" line`);
      await phone.expect(step.text, options.timeoutMs);
      expected++;
    } catch (error) {
      print(colors.fail(`✗ ${options.file}:${step.line}: ${(error as Error).message}`));
      return 1;
    }
  }
  print(colors.ok(`✓ ${expected} expected replies received (${options.file})`));
  if (options.outcome !== false) await printOutcome(ctx.sim, cast, print);
  return 0;
}
