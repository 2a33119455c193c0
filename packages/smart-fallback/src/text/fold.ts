// Accent folding is the first step of every matcher: users type "Ouenze", "ouénzé" or "OUENZE"
// for the same place, so comparisons happen on lower-case ASCII.
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const LIGATURES = /[œæ]/g;
const LIGATURE_MAP: Record<string, string> = { œ: "oe", æ: "ae" };

/** Lower-cases and strips diacritics; keeps the string length stable for ASCII input. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Fast path: most SMS-style messages are plain ASCII already.
  let ascii = true;
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return lower;
  return lower
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(LIGATURES, (c) => LIGATURE_MAP[c] ?? c);
}

/** Capitalises each word of a name ("marie claire" → "Marie Claire", "jean-paul" → "Jean-Paul"). */
export function capitalizeWords(text: string): string {
  return text.replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}
