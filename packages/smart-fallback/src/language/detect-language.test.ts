import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectLanguage } from "../index.js";

// Written the way Brazzaville customers write to a delivery bot (none copied from elsewhere).
const LINGALA = [
  "Mbote",
  "mbote ndeko",
  "Mbote, nalingi kotinda colis",
  "nalingi kotinda colis epai ya ndeko na ngai",
  "nakoki kotinda colis lelo?",
  "colis na ngai ezali wapi?",
  "livreur azali wapi sikoyo",
  "tinda yango na Talangai pona ndeko Fiston",
  "mosolo ya course ezali boni?",
  "motuka ekoya mokolo nini",
  "sango nini? nazali kozela livreur",
  "natinda mbongo te, nakofuta cash",
  "MBOTE NDEKO NALINGI KOTINDA COLIS",
  "Mbóte, nalíngi kotínda colis",
];

const FRENCH = [
  "Bonjour, je veux envoyer un colis",
  "je voudrais livrer un carton à Poto-Poto",
  "Où est mon colis ?",
  "bjr jveux envoyer un colis pr ma tante",
  "c'est combien pour Moungali ?",
  "Merci beaucoup, à demain",
  "Le livreur est arrivé ?",
];

// Mixed messages: the caller keeps the language it was using.
const MIXED = [
  "Bonjour je veux envoyer un colis na ndeko na ngai",
  "Bonjour ndeko, je veux envoyer un colis",
  "c'est pour mama na ngai à Bacongo, merci",
];

// Too short or all loanwords / places / numbers: nothing to tell.
const UNDECIDED = ["colis", "Poto-Poto", "15000", "06 123 4567", "Marie Okemba", "ok", "", "👍"];

describe("detectLanguage", () => {
  it.each(LINGALA)("reads Lingala: %s", (text) => {
    expect(detectLanguage(text).language).toBe("ln");
  });

  it.each(FRENCH)("reads French: %s", (text) => {
    expect(detectLanguage(text).language).toBe("fr");
  });

  it.each(MIXED)("leaves a Lingala-French mix undecided: %s", (text) => {
    const guess = detectLanguage(text);
    expect(guess.language).toBeUndefined();
    expect(guess.lingala).toBeGreaterThan(0);
    expect(guess.french).toBeGreaterThan(0);
  });

  it.each(UNDECIDED)("decides nothing on loanwords, places and numbers: %s", (text) => {
    expect(detectLanguage(text).language).toBeUndefined();
  });

  it("does not read French SMS spellings shared with Lingala (ya, te, na) as Lingala", () => {
    expect(detectLanguage("ya un colis pour toi").language).toBe("fr");
    expect(detectLanguage("je te l'envoie demain").language).toBe("fr");
  });

  it("never throws and always answers a known language or none", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 120 }), (text) => {
        const { language, lingala, french } = detectLanguage(text);
        expect([undefined, "ln", "fr"]).toContain(language);
        expect(lingala).toBeGreaterThanOrEqual(0);
        expect(french).toBeGreaterThanOrEqual(0);
      }),
    );
    expect(detectLanguage(undefined as unknown as string).language).toBeUndefined();
  });
});
