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
    // SMS spellings of "pour", names in lower case.
    ["pr marie 06 123 4567", "Marie"],
    ["envoi pou jean paul, 5000", "Jean Paul"],
    ["pr mr okemba", "M. Okemba"],
    ["c pr MARIE 06 676 76 76", "Marie"],
    // Titles and ranks, military, medical, civil, religious.
    ["pour le sergent Okemba", "Sergent Okemba"],
    ["livraison pr l'adjudant mavoungou", "Adjudant Mavoungou"],
    ["destinataire: le sergent chef Bouanga", "Sergent Chef Bouanga"],
    ["pr Dr Ngoma", "Dr Ngoma"],
    ["chez docteur ibara", "Docteur Ibara"],
    ["pour Me Bouity", "Me Bouity"],
    ["chez maître kinzonzi", "Maître Kinzonzi"],
    ["chez l'abbé Louzolo", "Abbé Louzolo"],
    ["pasteur milongo", "Pasteur Milongo"],
    ["pr chef Ngoulou", "Chef Ngoulou"],
    // Kinship words, French and Lingala.
    ["c pour maman jeanne", "Maman Jeanne"],
    ["pr mama nicole", "Mama Nicole"],
    ["tantine odile", "Tantine Odile"],
    ["yaya Nadège", "Yaya Nadège"],
    ["ndeko patrick", "Ndeko Patrick"],
    // Lingala introducers.
    ["epesa na Clarisse colis oyo", "Clarisse"],
    ["pona marie", "Marie"],
    ["mpo na Grace a Mfilou", "Grace"],
    ["epai ya mama Angèle", "Mama Angèle"],
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
    ["c pour envoyer un colis"],
    ["pr demain svp"],
    ["pona ngai"],
    ["le chef a dit non"],
    ["il me faut un livreur"],
    ["envoyer un doc a Bacongo"],
    ["merci maman"],
  ])("finds no name in %s", (text) => {
    expect(name(text)).toBeUndefined();
  });
});
