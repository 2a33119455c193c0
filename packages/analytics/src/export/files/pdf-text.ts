/**
 * Characters outside Latin-1 that the PDF standard fonts (WinAnsi encoding) still
 * have; anything else would print as garbage with the built-in Helvetica.
 */
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

const SUBSTITUTES: Record<string, string> = {
  "▲": "+",
  "▼": "-",
  "−": "-",
  "∞": "inf",
  "→": "->",
  "\u202f": " ",
  "\u2009": " ",
};

/** Text the standard PDF fonts can print: known symbols replaced, any other unsupported character as `?`. */
export function winAnsi(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    out += code <= 0xff || WIN_ANSI_EXTRA.has(ch) ? ch : (SUBSTITUTES[ch] ?? "?");
  }
  return out;
}
