// fast-check arbitraries that write amounts, phones, places and recipients the way customers
// in Brazzaville type them on WhatsApp, each with the value the reader must give back.
import fc from "fast-check";
import { numberToFrenchWords } from "../amount/french-words.js";

/** A piece of a message and the value it stands for. */
export interface Written<T> {
  text: string;
  value: T;
}

const THOUSANDS_SEPARATORS = [" ", ".", "", "\u202f", "\u00a0"] as const;
const CURRENCIES = ["", " f", " F", "f", " fcfa", " FCFA", " frs", " francs", " xaf", " f cfa"] as const;
const MILLE = ["mille", "mil", "milles", "mille", "Mille"] as const;
const MILLION = ["million", "millions", "millon", "millions", "Million"] as const;

function digits(n: number, sep: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** "2 millions 500 mille 300", "2mil500", "deux mille 500": digits and words per group, scales in words. */
function mixed(n: number, pick: (k: number) => number, glue: boolean): string | undefined {
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor((n % 1_000_000) / 1000);
  const rest = n % 1000;
  // "2 mille 5" is said for 2 500 (the colloquial reading): a last group of 1–9 is not written this way.
  if ((millions > 0 || thousands > 0) && rest > 0 && rest < 10) return undefined;
  if (millions > 0 && thousands === 0 && rest === 0) return undefined;
  const group = (g: number) => (pick(2) === 0 || g < 10 ? String(g) : numberToFrenchWords(g));
  const parts: string[] = [];
  if (millions > 0) parts.push(`${group(millions)} ${MILLION[pick(MILLION.length)]}`);
  if (thousands > 0)
    parts.push(`${thousands === 1 && pick(2) === 0 ? "" : group(thousands)} ${MILLE[pick(MILLE.length)]}`);
  if (rest > 0) parts.push(group(rest));
  if (parts.length < 2 && !(thousands > 0 && rest === 0 && millions === 0)) return undefined;
  const text = parts.join(" ").trim();
  return glue ? text.replace(/(\d) (?=[a-z])/gi, "$1").replace(/([a-z]) (?=\d)/gi, "$1") : text;
}

function shorthand(n: number, pick: (k: number) => number): string | undefined {
  if (n % 1000 === 0 && n < 1_000_000 && n >= 1000) return `${n / 1000}${pick(2) === 0 ? "k" : " k"}`;
  if (n % 100_000 === 0 && n >= 1_000_000 && n % 1_000_000 !== 0) {
    const m = `${Math.floor(n / 1_000_000)},${(n % 1_000_000) / 100_000}`;
    return [`${m} ${MILLION[pick(MILLION.length)]}`, `${m}M`][pick(2)];
  }
  if (n % 1_000_000 === 500_000 && n > 1_000_000)
    return `${numberToFrenchWords(Math.floor(n / 1_000_000))} millions et demi`;
  return undefined;
}

// Any amount from 1 to 999 999 999, and as often the round prices people actually type
// (2 500, 15 000, 1 500 000…), where shorthands and "et demi" apply.
const anyAmount = fc.oneof(
  fc.integer({ min: 1, max: 999_999_999 }),
  fc
    .tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom(100, 500, 1000, 100_000, 500_000, 1_000_000))
    .map(([k, unit]) => k * unit),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 9 })).map(([k, h]) => k * 1000 + h * 100),
);

/** An amount from 1 to 999 999 999 written in one of the ways users write it, with its value. */
export const writtenAmount: fc.Arbitrary<Written<number>> = fc
  .tuple(anyAmount, fc.infiniteStream(fc.nat()), fc.nat(5))
  .map(([n, stream, style]) => {
    const it = stream[Symbol.iterator]();
    const pick = (k: number) => (it.next().value as number) % k;
    let body: string | undefined;
    if (style === 1) body = numberToFrenchWords(n).replaceAll("-", pick(2) === 0 ? "-" : " ");
    else if (style === 2) body = mixed(n, pick, false);
    else if (style === 3) body = mixed(n, pick, true);
    else if (style === 4) body = shorthand(n, pick);
    body ??= digits(n, THOUSANDS_SEPARATORS[pick(THOUSANDS_SEPARATORS.length)] as string);
    let currency = CURRENCIES[pick(CURRENCIES.length)] as string;
    // A small number is money in a message only with a currency ("Moungali 3" is not); a glued
    // "f" after a word ("centf") is no writing anyone uses.
    if (n < 1000 && currency === "") currency = " francs";
    if (currency === "f" && /[a-z]$/i.test(body)) currency = " f";
    // A 9-digit figure with no currency can be a valid Congo number ("222 811 234" a fixed line,
    // "802 739 081" premium rate), read as the phone by design: such an amount carries a currency.
    if (currency === "" && /^\d[\d .\u00a0\u202f]*$/.test(body) && n >= 100_000_000) currency = " fcfa";
    return { text: body + currency, value: n };
  });

/** A Congo mobile number in the usual spellings, with its E.164 form. */
export const writtenPhone: fc.Arbitrary<Written<string>> = fc
  .tuple(fc.constantFrom("01", "04", "05", "06"), fc.integer({ min: 0, max: 9_999_999 }), fc.nat(4))
  .map(([prefix, rest, style]) => {
    const r = String(rest).padStart(7, "0");
    const national = `${prefix}${r}`;
    const text = [
      `${prefix} ${r.slice(0, 3)} ${r.slice(3)}`,
      `${prefix} ${r.slice(0, 3)} ${r.slice(3, 5)} ${r.slice(5)}`,
      `+242 ${prefix} ${r.slice(0, 3)} ${r.slice(3)}`,
      `+242${national}`,
      `${prefix}.${r.slice(0, 3)}.${r.slice(3, 5)}.${r.slice(5)}`,
    ][style] as string;
    return { text, value: `+242${national}` };
  });

const PLACES: ReadonlyArray<readonly [string, string]> = [
  ["Moungali", "Moungali"],
  ["moungali", "Moungali"],
  ["Ouenzé", "Ouenzé"],
  ["ouenze", "Ouenzé"],
  ["poto poto", "Poto-Poto"],
  ["Poto-Poto", "Poto-Poto"],
  ["talangai", "Talangaï"],
  ["Bacongo", "Bacongo"],
  ["makelekele", "Makélékélé"],
  ["Mfilou", "Mfilou"],
  ["madibou", "Madibou"],
  ["Djiri", "Djiri"],
  ["Mikalou", "Mikalou"],
  ["moukondo", "Moukondo"],
  ["Ngamakosso", "Ngamakosso"],
  ["kinsoundi", "Kinsoundi"],
  ["Mpila", "Mpila"],
  ["plateau des 15 ans", "Plateau des 15 ans"],
];

/** A Brazzaville place as typed, with its official spelling. */
export const writtenPlace: fc.Arbitrary<Written<string>> = fc
  .constantFrom(...PLACES)
  .map(([text, value]) => ({ text, value }));

const FIRST_NAMES = [
  "marie",
  "jean",
  "grace",
  "prisca",
  "nadia",
  "clarisse",
  "josue",
  "bienvenu",
  "dorcas",
  "fiston",
  "merveille",
  "rebecca",
  "gedeon",
  "chancelvie",
  "exaucé",
  "divine",
];
const LAST_NAMES = ["okemba", "mabiala", "ngoma", "mavoungou", "itoua", "nkounkou", "bouanga", "massamba", "obami"];

// Prefix as typed → title kept in front of the name ("" when only an introducer).
const PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ["chez", ""],
  ["pr", ""],
  ["pour", ""],
  ["pou", ""],
  ["destinataire:", ""],
  ["epesa na", ""],
  ["pona", ""],
  ["mpo na", ""],
  ["pr mr", "M."],
  ["pour mme", "Mme"],
  ["pour le sergent", "Sergent"],
  ["pr l'adjudant", "Adjudant"],
  ["chez le capitaine", "Capitaine"],
  ["pr docteur", "Docteur"],
  ["pour Dr", "Dr"],
  ["chez maître", "Maître"],
  ["pr pasteur", "Pasteur"],
  ["chez l'abbé", "Abbé"],
  ["pr maman", "Maman"],
  ["pour mama", "Mama"],
  ["chez tantine", "Tantine"],
  ["pr tonton", "Tonton"],
  ["pour papa", "Papa"],
  ["pr yaya", "Yaya"],
  ["epesa na ndeko", "Ndeko"],
  ["pona tonton", "Tonton"],
  ["epai ya mama", "Mama"],
  ["pr l'infirmière", "Infirmière"],
];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A recipient introduced by a cue, a title, a kinship word or a Lingala phrase, with the name expected back. */
export const writtenRecipient: fc.Arbitrary<Written<string>> = fc
  .tuple(
    fc.constantFrom(...PREFIXES),
    fc.constantFrom(...FIRST_NAMES),
    fc.option(fc.constantFrom(...LAST_NAMES), { nil: undefined }),
    fc.constantFrom("lower", "capitalised", "upper"),
  )
  .map(([[prefix, title], first, last, casing]) => {
    const name = last === undefined ? first : `${first} ${last}`;
    const typed =
      casing === "lower" ? name : casing === "upper" ? name.toUpperCase() : name.split(" ").map(capitalise).join(" ");
    const expected = name.split(" ").map(capitalise).join(" ");
    return { text: `${prefix} ${typed}`, value: title === "" ? expected : `${title} ${expected}` };
  });

const OPENINGS = ["", "bjr ", "Bonjour, ", "slt ", "mbote, ", "bsr svp "] as const;
const VERBS = [
  "envoi",
  "envoyer un colis",
  "livrer",
  "je veux envoyer un colis",
  "coursier",
  "natinda colis",
  "faut livrer",
];

/** A courier request built from the pieces in a random order, as users write them. */
export function courierSentence(
  pick: (k: number) => number,
  pieces: { amount: string; phone: string; place: string; recipient?: string },
): string {
  const opening = OPENINGS[pick(OPENINGS.length)] as string;
  const verb = VERBS[pick(VERBS.length)] as string;
  const where = `${["a", "à", "vers", "na"][pick(4)]} ${pieces.place}`;
  const money = `${["", "prix ", "montant ", "c ", "valeur "][pick(5)]}${pieces.amount}`;
  const who = pieces.recipient ?? "";
  const orders = [
    [verb, where, who, pieces.phone, ",", money],
    [verb, who, where, money, ",", pieces.phone],
    [verb, where, who, money, ",", "tel", pieces.phone],
    [verb, where, ",", money, ",", who, pieces.phone],
  ];
  const parts = (orders[pick(orders.length)] as string[]).filter((p) => p !== "");
  return (opening + parts.join(" ")).replace(/ ,/g, ",");
}
