import { describe, expect, it } from "vitest";
import { extractDeliveryDetails } from "../extract/extract-delivery-details.js";

const name = (text: string) => extractDeliveryDetails(text).recipientName;

describe("recipient", () => {
  it.each([
    ["chez Marie", "Marie"],
    ["chez marie", "Marie"],
    ["destinataire Paul", "Paul"],
    ["Destinataire : Jean-Pierre Mavoungou", "Jean-Pierre Mavoungou"],
    ["Mme Mabiala", "Mme Mabiala"],
    ["chez Mme Mabiala à Talangaï", "Mme Mabiala"],
    ["pour Jean", "Jean"],
    ["pour Jean de Dieu, 06 123 4567", "Jean de Dieu"],
    ["chez tantine Odile", "Tantine Odile"],
    ["M. Okemba", "M. Okemba"],
    ["chez mr Ngoma", "M. Ngoma"],
    ["le numéro de Bienvenu c'est le 00242 05 210 33 44", "Bienvenu"],
    ["à remettre à Clarisse", "Clarisse"],
    ["CHEZ ROSE 06 987 00 11", "Rose"],
    ["c'est pour ma soeur Grâce à Ouenzé", "Grâce"],
    ["mon frère Patrick habite à Mfilou", "Patrick"],
    ["Livrez à Jean-Claude Makaya, Talangaï", "Jean-Claude Makaya"],
  ])("%s → %s", (text, expected) => {
    expect(name(text)).toBe(expected);
  });

  it.each([
    ["chez moi"],
    ["pour demain"],
    ["pour Moungali"],
    ["pour 5000"],
    ["envoyer à Bacongo"],
    ["livrer à Mbota"],
    ["Numéro du destinataire : 06 55 44 33 2"],
  ])("finds no name in %s", (text) => {
    expect(name(text)).toBeUndefined();
  });
});
