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
    ["pona ndeko na ngai Arsène", "Arsène"],
    ["envoyer a nkombo pr mama ya Grace 06 393 39 39", "Mama ya Grace"],
    ["pr ya Serge 06 383 83 83", "Ya Serge"],
    ["pr chef de quartier Mampouya", "Chef de quartier Mampouya"],
    ["pr l'adjudant-chef Mbemba", "Adjudant-Chef Mbemba"],
    ["pr la sage-femme Ida", "Sage-Femme Ida"],
    ["le nom c'est prisca", "Prisca"],
    ["pr marie claire mabiala 06 424 24 24", "Marie Claire Mabiala"],
    ["pr jean de dieu 05 121 12 12", "Jean de Dieu"],
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
    ["pr demain matin"],
    // Landmarks the address reader lists (the recipient reader takes them from there, not a copy).
    ["chez mosquee"],
    ["pour universite"],
  ])("finds no name in %s", (text) => {
    expect(name(text)).toBeUndefined();
  });
  it("reads a place name right after a title as the name, and leaves the address to the real place", () => {
    const d = extractDeliveryDetails("livrer a moungali pr l'abbé Massengo 06 222 00 11");
    expect(d.recipientName).toBe("Abbé Massengo");
    expect(d.address).toBe("Moungali");
  });

  it("stops a lower-case name at the first everyday word", () => {
    expect(name("chez marie habite a ouenze")).toBe("Marie");
  });
});
