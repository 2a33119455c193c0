import type { InboxMessage } from "./customer.ts";

const tty = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
const paint = (code: string, text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);

/** Colours for the transcript (plain text when stdout is not a terminal or NO_COLOR is set). */
export const colors = {
  bot: (t: string) => paint("32", t),
  you: (t: string) => paint("36", t),
  dim: (t: string) => paint("2", t),
  ok: (t: string) => paint("32", t),
  fail: (t: string) => paint("31", t),
};

/**
 * A bot message as a transcript block: `TokTok → 🙋 client › first line`, the rest indented — the
 * phone it reached is named, since several phones share one terminal.
 */
export function formatBotMessage(message: InboxMessage, to: string): string {
  const [first = "", ...rest] = message.text.split("\n");
  return [`${colors.bot(`TokTok → ${to} ›`)} ${first}`, ...rest.map((l) => `         ${l}`)].join("\n");
}

/** What the person at the keyboard typed, as `🙋 client › Bonjour`. */
export function formatTypedLine(input: string, who: string): string {
  return `${colors.you(`${who} ›`)} ${input}`;
}
