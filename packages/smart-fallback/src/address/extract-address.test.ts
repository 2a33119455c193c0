import { describe, expect, it } from "vitest";
import { extractDeliveryDetails } from "../extract/extract-delivery-details.js";
import { PLACES } from "./gazetteer.js";

const address = (text: string) => extractDeliveryDetails(text).address;

describe("address", () => {
  it("knows Brazzaville's 9 and Pointe-Noire's 6 arrondissements", () => {
    const arr = PLACES.filter((p) => p.kind === "arrondissement");
    expect(arr.filter((p) => p.city === "Brazzaville").map((p) => p.name)).toEqual([
      "Makélékélé",
      "Bacongo",
      "Poto-Poto",
      "Moungali",
      "Ouenzé",
      "Talangaï",
      "Mfilou",
      "Madibou",
      "Djiri",
    ]);
    expect(arr.filter((p) => p.city === "Pointe-Noire").map((p) => p.name)).toEqual([
      "Lumumba",
      "Mvou-Mvou",
      "Tié-Tié",
      "Loandjili",
      "Mongo-Mpoukou",
      "Ngoyo",
    ]);
  });

  it.each([
    ["poto poto", "Poto-Poto"],
    ["POTO-POTO", "Poto-Poto"],
    ["potopoto", "Poto-Poto"],
    ["a makelekele", "Makélékélé"],
    ["ouenze", "Ouenzé"],
    ["talangai", "Talangaï"],
    ["talangaii", "Talangaï"],
    ["mougali", "Moungali"],
    ["tie tie", "Tié-Tié"],
    ["mvou mvou", "Mvou-Mvou"],
    ["mongo mpoukou", "Mongo-Mpoukou"],
    ["plateau des 15 ans", "Plateau des 15 ans"],
    ["case de gaulle", "Case de Gaulle"],
  ])("normalises %s → %s", (text, expected) => {
    expect(address(text)).toBe(expected);
  });

  it("resolves the arrondissement and city of a quartier", () => {
    expect(extractDeliveryDetails("à Mikalou").location).toEqual({
      quartier: "Mikalou",
      arrondissement: "Talangaï",
      city: "Brazzaville",
    });
  });

  it.each([
    ["Livrer au 12 avenue Matsoua, poto poto", "12 avenue Matsoua, Poto-Poto"],
    ["45 rue mbaka ouenze", "45 rue Mbaka, Ouenzé"],
    ["av. de l'OUA, Bacongo", "avenue de l'OUA, Bacongo"],
    ["Bd Denis Sassou Nguesso", "boulevard Denis Sassou Nguesso"],
    ["Adresse: Ouenzé, rue Ossélé 14.", "Ouenzé, rue Ossélé 14"],
    ["près de la pharmacie Mavré à Poto-Poto", "près de la pharmacie Mavré, Poto-Poto"],
    ["à côté du stade Massamba-Débat", "à côté du stade Massamba-Débat"],
    ["livrer à Mbota", "Mbota"],
    ["appt 4, immeuble CNSS, centre-ville", "immeuble CNSS, Centre-ville"],
  ])("cleans %s → %s", (text, expected) => {
    expect(address(text)).toBe(expected);
  });

  it("gives a lower confidence to a place it does not know", () => {
    const known = extractDeliveryDetails("livrer à Moungali");
    const unknown = extractDeliveryDetails("livrer à Mbota");
    expect(known.fieldConfidence.address).toBeGreaterThan(unknown.fieldConfidence.address);
    expect(unknown.fieldConfidence.address).toBeLessThan(0.7);
  });

  it.each([
    ["le total c'est 5000"],
    ["la 2e rue à droite"],
    ["je suis en route"],
    ["au marché"],
    ["Envoyer 2 cartons"],
  ])("finds no address in %s", (text) => {
    expect(address(text)).toBeUndefined();
  });
  it("reads the Lingala demonstrative oyo as a word, and keeps the destination of a route", () => {
    expect(extractDeliveryDetails("epesa na Clarisse colis oyo na Ouenze").address).toBe("Ouenzé");
    expect(extractDeliveryDetails("envoyer a Oyo").address).toBe("Oyo");
    expect(extractDeliveryDetails("coursier de poto poto a ouenze").address).toBe("Ouenzé");
  });
  it("does not read the verb in 'ça marche' as the market, nor 'pr' as part of a street name", () => {
    expect(extractDeliveryDetails("comment ca marche votre truc").address).toBeUndefined();
    expect(extractDeliveryDetails("envoi a 12 avenue Matsoua pr Me Banzouzi").address).toBe("12 avenue Matsoua");
  });
});
