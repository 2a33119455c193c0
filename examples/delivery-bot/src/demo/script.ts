/** One line of a demo script. */
export type ScriptStep =
  | { kind: "say"; text: string; line: number }
  | { kind: "expect"; text: string; line: number }
  | { kind: "note"; text: string; line: number };

/** A script line that is neither `> …`, `< …`, a `#` comment nor blank. */
export class ScriptSyntaxError extends Error {
  override readonly name = "ScriptSyntaxError";
  readonly line: number;
  readonly content: string;
  constructor(line: number, content: string) {
    super(
      `line ${line}: expected "> what you type", "< part of the expected reply" or "## a note", got ${JSON.stringify(content)}`,
    );
    this.line = line;
    this.content = content;
  }
}

/**
 * Parses the demo script format:
 * `> text` is what you type, exactly as in the interactive demo (a number picks a button or list row,
 * `/loc LAT LON` shares a location, `/as livreur` switches phones), `< text` is a substring the next
 * messages of the current phone must contain (case-insensitive), `## text` is a note printed as the
 * script runs (the guided tour's explanations), `#` starts a comment.
 */
export function parseScript(source: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  for (const [index, raw] of source.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line.startsWith("##")) {
      const text = line.slice(2).trim();
      if (text !== "") steps.push({ kind: "note", text, line: index + 1 });
      continue;
    }
    if (line === "" || line.startsWith("#")) continue;
    const marker = line[0];
    const text = line.slice(1).trim();
    if ((marker !== ">" && marker !== "<") || text === "") throw new ScriptSyntaxError(index + 1, raw);
    steps.push({ kind: marker === ">" ? "say" : "expect", text, line: index + 1 });
  }
  return steps;
}
