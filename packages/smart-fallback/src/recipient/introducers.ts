// Lingala phrases that introduce the person a parcel is for, as typed in Brazzaville's French
// chats: "epesa na Clarisse" (give it to Clarisse), "pona Jean" (for Jean), "mpo na Grâce"
// (for Grâce), "epai ya mama Angèle" (at mama Angèle's). Folded; the name follows the last word.

/** Each introducer as its folded words. */
export const LINGALA_INTRODUCERS: ReadonlyArray<readonly string[]> = [
  ["epesa", "na"],
  ["pesa", "na"],
  ["opesa", "na"],
  ["bopesa", "na"],
  ["mpesa", "na"],
  ["mpo", "na"],
  ["po", "na"],
  ["pona"],
  ["epai", "ya"],
  ["epayi", "ya"],
  ["na", "maboko", "ya"],
];

/** Introducers indexed by their first word, so a message pays only for words that can start one. */
export const INTRODUCERS_BY_FIRST_WORD: ReadonlyMap<string, ReadonlyArray<readonly string[]>> = (() => {
  const map = new Map<string, Array<readonly string[]>>();
  for (const words of LINGALA_INTRODUCERS) {
    const first = words[0] as string;
    const list = map.get(first) ?? [];
    list.push(words);
    map.set(first, list);
  }
  return map;
})();
