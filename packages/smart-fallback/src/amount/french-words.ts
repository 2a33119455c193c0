// French number words, written here because off-the-shelf parsers get "cinq cents" and
// "deux mille cinq cents" wrong. Keys are folded (lower-case, no accents).

/** Values of the words below one hundred, including Belgian/Swiss forms heard in both Congos. */
export const UNIT_WORDS: ReadonlyMap<string, number> = new Map([
  ["zero", 0],
  ["un", 1],
  ["une", 1],
  ["deux", 2],
  ["trois", 3],
  ["quatre", 4],
  ["cinq", 5],
  ["six", 6],
  ["sept", 7],
  ["huit", 8],
  ["neuf", 9],
  ["dix", 10],
  ["onze", 11],
  ["douze", 12],
  ["treize", 13],
  ["quatorze", 14],
  ["quinze", 15],
  ["seize", 16],
  ["vingt", 20],
  ["vingts", 20],
  ["trente", 30],
  ["quarante", 40],
  ["cinquante", 50],
  ["soixante", 60],
  ["septante", 70],
  ["huitante", 80],
  ["octante", 80],
  ["nonante", 90],
]);

/** Scale words: "cent" multiplies the group, the others close it. */
export const SCALE_WORDS: ReadonlyMap<string, number> = new Map([
  ["cent", 100],
  ["cents", 100],
  ["mille", 1_000],
  ["milles", 1_000],
  ["mil", 1_000],
  ["mils", 1_000],
  ["mile", 1_000],
  ["miles", 1_000],
  ["k", 1_000],
  ["million", 1_000_000],
  ["millions", 1_000_000],
  // SMS typos of "million(s)" seen in chats; "m" glued to digits ("2,5M") is read by the run reader.
  ["millon", 1_000_000],
  ["millons", 1_000_000],
  ["milion", 1_000_000],
  ["milions", 1_000_000],
  ["miyon", 1_000_000],
  ["milliard", 1_000_000_000],
  ["milliards", 1_000_000_000],
  ["miliard", 1_000_000_000],
  ["miliards", 1_000_000_000],
]);

/** Fractions of a scale: "un demi-million", "un quart de million", "trois quarts de million". */
export const FRACTION_WORDS: ReadonlyMap<string, number> = new Map([
  ["demi", 0.5],
  ["quart", 0.25],
  ["quarts", 0.25],
]);

const BELOW_17 = [
  "zéro",
  "un",
  "deux",
  "trois",
  "quatre",
  "cinq",
  "six",
  "sept",
  "huit",
  "neuf",
  "dix",
  "onze",
  "douze",
  "treize",
  "quatorze",
  "quinze",
  "seize",
];
const TENS = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante"];

function below100(n: number): string {
  if (n < 17) return BELOW_17[n] as string;
  if (n < 20) return `dix-${BELOW_17[n - 10]}`;
  if (n < 70) {
    const tens = TENS[Math.floor(n / 10)] as string;
    const unit = n % 10;
    if (unit === 0) return tens;
    if (unit === 1) return `${tens} et un`;
    return `${tens}-${BELOW_17[unit]}`;
  }
  if (n < 80) {
    // 70–79 is "soixante" + 10–19: soixante-dix, soixante et onze, soixante-douze…
    const rest = n - 60;
    return rest === 11 ? "soixante et onze" : `soixante-${below100(rest)}`;
  }
  // 80–99 is "quatre-vingt" + 0–19, with the plural "s" only on the bare 80.
  const rest = n - 80;
  return rest === 0 ? "quatre-vingts" : `quatre-vingt-${below100(rest)}`;
}

/** 0–999; `final` says nothing follows, which decides the plural of "cents" and "vingts". */
function below1000(n: number, final: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) {
    const plural = hundreds > 1 && rest === 0 && final;
    parts.push(hundreds === 1 ? (plural ? "cents" : "cent") : `${BELOW_17[hundreds]} ${plural ? "cents" : "cent"}`);
  }
  if (rest > 0 || hundreds === 0) {
    let words = below100(rest);
    // "quatre-vingts" keeps its s only at the very end of the number.
    if (!final && rest === 80) words = "quatre-vingt";
    parts.push(words);
  }
  return parts.join(" ");
}

/**
 * Writes a non-negative integer in French words (traditional spelling).
 * @example
 * numberToFrenchWords(2500); // "deux mille cinq cents"
 * numberToFrenchWords(91); // "quatre-vingt-onze"
 */
export function numberToFrenchWords(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`numberToFrenchWords: expected a non-negative safe integer, got ${value}`);
  }
  if (value === 0) return "zéro";
  const parts: string[] = [];
  const billions = Math.floor(value / 1_000_000_000);
  const millions = Math.floor((value % 1_000_000_000) / 1_000_000);
  const thousands = Math.floor((value % 1_000_000) / 1_000);
  const rest = value % 1_000;
  if (billions > 0) {
    parts.push(`${billions === 1 ? "un" : numberToFrenchWords(billions)} ${billions > 1 ? "milliards" : "milliard"}`);
  }
  // "millions" and "milliards" are nouns, so "deux cents millions" keeps its plural.
  if (millions > 0) parts.push(`${below1000(millions, true)} ${millions > 1 ? "millions" : "million"}`);
  // "mille" is invariable and never takes "un": mille, deux mille, quatre-vingt mille.
  if (thousands > 0) parts.push(thousands === 1 ? "mille" : `${below1000(thousands, false)} mille`);
  if (rest > 0) parts.push(below1000(rest, true));
  return parts.join(" ");
}
