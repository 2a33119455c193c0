// Tokens the amount reader works on: numbers written in digits, words, and "breakers"
// (punctuation that ends a number: a comma between two figures separates two values).

/** One token of the folded, phone-masked text. */
export type AmountToken =
  | { kind: "digits"; value: number; intPart: number; decimals: string; grouped: boolean; leadingZero: boolean }
  /** `glued`: typed right after a figure with no space ("5k", "2mille500", "2,5M"). */
  | { kind: "word"; text: string; glued: boolean }
  // `glued` is always false here: breaks share the word tokens' shape, which keeps readers monomorphic.
  | { kind: "break"; text: string; glued: false };

// 1) digits with thousands separators (space, dot, no-break spaces) and optional decimals,
// 2) plain digits with an optional decimal part, 3) letters, 4) any other visible symbol.
const TOKEN = /(\d{1,3}(?:[ .\u00a0\u202f]\d{3})+(?!\d)(?:,\d+)?)|(\d+(?:[.,]\d+)?)|([a-z]+)|([^\sa-z\d'’-])/g;
const GROUP_SEPARATORS = /[ .\u00a0\u202f]/g;

/** Tokenises folded text (lower-case ASCII letters expected). */
export function amountTokens(folded: string): AmountToken[] {
  const out: AmountToken[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(folded); m !== null; m = TOKEN.exec(folded)) {
    const [, grouped, plain, word, other] = m;
    if (grouped !== undefined) {
      const [int = "", dec = ""] = grouped.split(",");
      const intPart = Number(int.replace(GROUP_SEPARATORS, ""));
      out.push({
        kind: "digits",
        value: intPart,
        intPart,
        decimals: dec,
        grouped: true,
        leadingZero: int.startsWith("0"),
      });
    } else if (plain !== undefined) {
      const sep = plain.search(/[.,]/);
      if (sep === -1) {
        const v = Number(plain);
        out.push({
          kind: "digits",
          value: v,
          intPart: v,
          decimals: "",
          grouped: false,
          leadingZero: /^0\d/.test(plain),
        });
      } else {
        const intPart = Number(plain.slice(0, sep));
        const decimals = plain.slice(sep + 1);
        out.push({
          kind: "digits",
          value: Number(`${intPart}.${decimals}`),
          intPart,
          decimals,
          grouped: false,
          leadingZero: /^0\d/.test(plain),
        });
      }
    } else if (word !== undefined) {
      const before = m.index > 0 ? folded.charCodeAt(m.index - 1) : 0;
      out.push({ kind: "word", text: word, glued: before >= 48 && before <= 57 });
    } else if (other !== undefined) {
      out.push({ kind: "break", text: other, glued: false });
    }
  }
  return out;
}
