import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";

/** A phone number found in a message, with where it sits in the text. */
export interface PhoneMatch {
  /** E.164, e.g. `+242061234567`. */
  e164: string;
  /** Digits of the national number as written in the country (`061234567` for Congo). */
  nationalNumber: string;
  /** `MOBILE`, `FIXED_LINE`… as libphonenumber-js reports it. */
  type: string;
  start: number;
  end: number;
}

/** Phone-looking digit runs that were not valid numbers (used to lower confidence). */
export interface PhoneScan {
  matches: PhoneMatch[];
  /** Runs of 8+ digits that did not parse as a valid number: probably a mistyped phone. */
  invalidRuns: number;
}

// A run of digit groups separated by one space, dot, dash or slash-free separator, optionally led
// by "+" or "00". Single separators only: two spaces end a run, which keeps "5000  06…" apart.
const DIGIT_RUN = /(?:\+\s?)?\d+(?:[ .\-\u00a0\u202f]\d+)*/g;
const GROUP = /\d+/g;
const MIN_DIGITS = 8;
// A number followed by a currency is money however many digits it has ("222 811 234 FCFA").
const CURRENCY_AFTER = /^\s*(?:f|fr|frs|francs?|fcfa|cfa|xaf)(?![a-z])/i;
// "1 500 000" or "10.000.000": thousands groups are an amount, not a mistyped phone.
const THOUSANDS = /^\d{1,3}(?:[ .\u00a0\u202f]\d{3})+$/;
const MAX_DIGITS = 15;
const MAX_GROUPS_PER_NUMBER = 10;

interface Group {
  digits: string;
  start: number;
  end: number;
}

function validate(raw: string, country: CountryCode): PhoneMatch | undefined {
  // "00" is the international prefix from Congo and most of Africa and Europe.
  const normalized = raw.startsWith("00") ? `+${raw.slice(2)}` : raw;
  const parsed = parsePhoneNumberFromString(normalized, country);
  if (!parsed) return undefined;
  // With the "max" metadata getType() is defined exactly for numbers matching a valid pattern,
  // and it costs half of isValid() followed by getType().
  const type = parsed.getType();
  if (type === undefined) return undefined;
  return {
    e164: parsed.number,
    nationalNumber: parsed.nationalNumber,
    type,
    start: 0,
    end: 0,
  };
}

/**
 * Finds every valid phone number in the text. Digit runs are split on group boundaries so
 * "06 123 4567 5000 francs" yields the phone and leaves 5000 for the amount reader.
 */
export function findPhones(text: string, country: CountryCode): PhoneScan {
  const matches: PhoneMatch[] = [];
  let invalidRuns = 0;
  DIGIT_RUN.lastIndex = 0;
  for (let run = DIGIT_RUN.exec(text); run !== null; run = DIGIT_RUN.exec(text)) {
    const runText = run[0];
    const plus = runText.startsWith("+");
    const groups: Group[] = [];
    let digitCount = 0;
    GROUP.lastIndex = 0;
    for (let g = GROUP.exec(runText); g !== null; g = GROUP.exec(runText)) {
      groups.push({ digits: g[0], start: run.index + g.index, end: run.index + g.index + g[0].length });
      digitCount += g[0].length;
    }
    if (digitCount < MIN_DIGITS) continue;
    const runEnd = run.index + runText.length;
    const moneyAfter = CURRENCY_AFTER.test(text.slice(runEnd, runEnd + 8));
    let found = false;
    for (let i = 0; i < groups.length; i++) {
      let digits = "";
      let best: { match: PhoneMatch; j: number } | undefined;
      const limit = Math.min(groups.length, i + MAX_GROUPS_PER_NUMBER);
      const spans: string[] = [];
      for (let j = i; j < limit; j++) {
        digits += (groups[j] as Group).digits;
        spans.push(digits);
        if (digits.length > MAX_DIGITS + 2) break;
      }
      // Longest valid span first: "00242 05 210 33 44" must not stop at "00242 05".
      for (let k = spans.length - 1; k >= 0; k--) {
        const candidate = spans[k] as string;
        if (moneyAfter && i + k === groups.length - 1) continue;
        if (candidate.length < MIN_DIGITS - 1) break;
        const withPlus = plus && i === 0 ? `+${candidate}` : candidate;
        const match = validate(withPlus, country);
        if (match) {
          best = { match, j: i + k };
          break;
        }
      }
      if (best) {
        const first = groups[i] as Group;
        const last = groups[best.j] as Group;
        best.match.start = plus && i === 0 ? run.index : first.start;
        best.match.end = last.end;
        matches.push(best.match);
        found = true;
        i = best.j;
      }
    }
    if (!found && !moneyAfter && !THOUSANDS.test(runText)) invalidRuns++;
  }
  return { matches, invalidRuns };
}
