// Accent folding is the first step of every matcher: users type "Ouenze", "ouénzé" or "OUENZE"
// for the same place, so comparisons happen on lower-case ASCII.
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const LIGATURE_MAP: Record<string, string> = { œ: "oe", æ: "ae", ß: "ss" };

// Lower-case Latin-1 and Latin Extended-A letters folded once at load time: the hot path then
// needs no Unicode normalisation for the accents French actually uses ("à", "é", "ï", "œ").
const LATIN = new Map<number, string>();
for (let code = 0xc0; code <= 0x17f; code++) {
  const ch = String.fromCharCode(code).toLowerCase();
  const folded = LIGATURE_MAP[ch] ?? ch.normalize("NFD").replace(COMBINING_MARKS, "");
  if (folded !== ch || ch.charCodeAt(0) < 128) LATIN.set(ch.charCodeAt(0), folded);
}

/** Lower-cases and strips diacritics (œ → oe); ASCII input keeps its length. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  let i = 0;
  while (i < lower.length && lower.charCodeAt(i) < 128) i++;
  // Fast path: most SMS-style messages are plain ASCII already.
  if (i === lower.length) return lower;
  let out = lower.slice(0, i);
  for (; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (code < 128) {
      out += lower[i];
      continue;
    }
    const mapped = LATIN.get(code);
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    // Anything else (decomposed input, other scripts, emoji halves) goes through NFD as before.
    out += (lower[i] as string).normalize("NFD").replace(COMBINING_MARKS, "");
  }
  // Combining marks typed separately (decomposed input) are dropped last.
  return out.replace(COMBINING_MARKS, "");
}

/** Capitalises each word of a name ("marie claire" → "Marie Claire", "jean-paul" → "Jean-Paul"). */
export function capitalizeWords(text: string): string {
  return text.replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}
