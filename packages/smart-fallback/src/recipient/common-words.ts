// Everyday words (French, SMS French, Lingala) that follow "pour", "pona" or a title without
// being a name. A name typed in lower case ("pr marie") is accepted only when it is none of
// these. Folded.

/** Words never read as a lower-case name. */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  [
    // French function words, pronouns, adverbs.
    "a au aux de des du d en dans ds sur sous par avec sans chez vers entre apres avant",
    "pendant depuis pour pr et ou mais donc car ni que qui quoi quand qd kan comment combien",
    "pourquoi ce c ca cela ceci celui celle ici la le les l un une je j tu il elle on nous",
    "vous ils elles moi toi lui eux me m te t se s y mon ma mes ton ta tes son sa ses notre",
    "votre nos vos leur leurs cet cette ces tout toute tous toutes rien personne quelqu",
    "quelque chose qqch qqn bien mal tres trop peu plus moins aussi encore deja tjr tjrs tjs",
    "toujours jamais pas ne non oui ok svp stp merci mrc bcp beaucoup vite urgent urgence",
    "maintenant mtn demain dmn aujourd hui auj soir matin midi nuit semaine lundi mardi",
    "mercredi jeudi vendredi samedi dimanche heure heures h fois jour jours",
    // Verbs that follow "pour".
    "aller venir voir faire dire savoir prendre mettre payer envoyer livrer recevoir",
    "recuperer recup deposer acheter manger boire partir appeler passer commander suivre",
    "annuler demander donner laisser chercher ramener amener porter transporter expedier va",
    "vais vient est sont etait sera a ont avoir etre peux peut veux veut dois doit fait dit",
    "sait arrive arriver",
    "valeur cout somme tarif habite habitent reste travaille attend attends recoit recevra appelle appelez",
    // Nouns of the trade.
    "colis paquet sac carton livraison commande course coursier livreur argent prix montant",
    "total reste frais cadeau document documents docs cle cles marchandise nourriture repas",
    "famille maison bureau travail boutique magasin marche client cliente numero num tel",
    "adresse quartier ville info infos adulte enfant enfants bebe moto taxi",
    // Lingala: pronouns, question words, verbs.
    "ngai yo ye biso bino bango nini wapi lelo lobi sikoyo oyo wana yango kotinda tinda",
    "kosomba kolia kozwa kopesa koya kokende kofuta mbote malamu matondo te na ya mpo pona",
    "moto mwana bana mbongo eloko biloko bilei ndako",
  ]
    .join(" ")
    .split(" "),
);
