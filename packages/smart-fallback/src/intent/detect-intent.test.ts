import { describe, expect, it } from "vitest";
import { detectIntent } from "./detect-intent.js";

describe("detectIntent", () => {
  it.each([
    ["Je veux envoyer un colis", "courier"],
    ["JE VEUX ENVOYER UN COLIS", "courier"],
    ["Bjr je veux envoyé un colis", "courier"],
    ["envoiyer un colis", "courier"],
    ["I want to send a parcel", "courier"],
    ["En fait je veux commander au restaurant", "marketplace"],
    ["comander a manger", "marketplace"],
    ["Où est mon colis ?", "track"],
    ["ou est mon colis", "track"],
    ["suivi de ma livraison", "track"],
    ["colis na ngai ezali wapi", "track"],
    ["annuler", "cancel"],
    ["anuler", "cancel"],
    ["Annulez ma commande", "cancel"],
    ["laisse tomber", "cancel"],
    ["aide", "help"],
    ["comment ça marche ?", "help"],
    ["mbote", "greeting"],
    ["Mbote na yo", "greeting"],
    ["bonjourr", "greeting"],
    ["hello", "greeting"],
    ["Bonjour, je veux commander", "marketplace"],
    ["merci", "unknown"],
    ["", "unknown"],
    // Questions about what is on sale, shopping at the market.
    ["vous vendez quoi ?", "marketplace"],
    ["y a quoi a vendre chez vous", "marketplace"],
    ["vous avez du ciment ?", "marketplace"],
    ["je veux faire mes courses au marché", "marketplace"],
    ["faire le marché pour moi svp", "marketplace"],
    // "When will it arrive", in SMS spelling.
    ["kan k sa arrive", "track"],
    ["kan est ce que le livreur arrive", "track"],
    ["c pr qd", "track"],
    ["qd est ce que mon colis arrive", "track"],
    ["mon colis n'est tjs pas arrivé", "track"],
    ["tjr rien recu", "track"],
    ["comment on fait pour envoyer", "help"],
    // A family name one letter from a Lingala keyword ("somba", to buy) is not that keyword.
    ["envoi pr pasteur Samba a ouenze", "courier"],
    ["3 sacs de riz", "unknown"],
    // Asking for a person (issue 22), typos and Lingala included.
    ["je veux parler à un agent", "human"],
    ["parler a un agnet svp", "human"],
    ["je veux un humain", "human"],
    ["opérateur", "human"],
    ["operateurr", "human"],
    ["un conseiller svp", "human"],
    ["I want to talk to a human", "human"],
    ["nalingi kosolola na moto", "human"],
    ["j'ai besoin d'aide, passez-moi un agent", "human"],
  ])("%s → %s", (text, intent) => {
    expect(detectIntent(text).intent).toBe(intent);
  });

  it.each([["Un carton de livres"], ["des livres et des cahiers"], ["j'ai envie de dormir"], ["la porte bleue"]])(
    "does not read the everyday word in %s as a typo of a keyword",
    (text) => {
      expect(detectIntent(text).intent).toBe("unknown");
    },
  );

  it("still forgives real typos of those keywords", () => {
    expect(detectIntent("je veux livrr un colis").intent).toBe("courier");
    expect(detectIntent("envoiyer un paquet").intent).toBe("courier");
  });

  it("is more confident with a clear request than with a lone greeting word mixed with another intent", () => {
    const clear = detectIntent("je veux annuler");
    const mixed = detectIntent("annuler ou suivre ?");
    expect(clear.confidence).toBeGreaterThan(mixed.confidence);
    expect(clear.confidence).toBeLessThanOrEqual(1);
  });

  it("is confident that an acknowledgement is not a request, and unsure about gibberish", () => {
    expect(detectIntent("ok merci").confidence).toBeGreaterThanOrEqual(0.7);
    expect(detectIntent("asdfgh").confidence).toBeLessThan(0.7);
  });
});
