// Place names users type, mapped to their official spelling. Arrondissements are official
// (Brazzaville has 9, Pointe-Noire 6); quartiers are the commonly used ones and carry their
// arrondissement only where it is unambiguous.

/** What a place name resolves to. */
export interface Place {
  /** Official spelling, e.g. "Poto-Poto", "Talangaï". */
  name: string;
  kind: "arrondissement" | "quartier" | "city";
  city: "Brazzaville" | "Pointe-Noire" | string;
  /** Arrondissement the quartier belongs to, when known. */
  arrondissement?: string;
  /** Extra spellings beyond the accent-free, space/hyphen-free form derived automatically. */
  aliases?: readonly string[];
}

const BZV = "Brazzaville";
const PNR = "Pointe-Noire";

/** Built-in gazetteer. */
export const PLACES: readonly Place[] = [
  // Brazzaville's 9 arrondissements.
  { name: "Makélékélé", kind: "arrondissement", city: BZV, aliases: ["makeleke"] },
  { name: "Bacongo", kind: "arrondissement", city: BZV, aliases: ["bakongo"] },
  { name: "Poto-Poto", kind: "arrondissement", city: BZV, aliases: ["poto"] },
  { name: "Moungali", kind: "arrondissement", city: BZV, aliases: ["mougali"] },
  { name: "Ouenzé", kind: "arrondissement", city: BZV, aliases: ["ouenze", "wenze"] },
  { name: "Talangaï", kind: "arrondissement", city: BZV, aliases: ["talangai", "talanga"] },
  { name: "Mfilou", kind: "arrondissement", city: BZV, aliases: ["mfilu"] },
  { name: "Madibou", kind: "arrondissement", city: BZV },
  { name: "Djiri", kind: "arrondissement", city: BZV },
  // Pointe-Noire's 6 arrondissements.
  { name: "Lumumba", kind: "arrondissement", city: PNR },
  { name: "Mvou-Mvou", kind: "arrondissement", city: PNR, aliases: ["mvoumvou"] },
  { name: "Tié-Tié", kind: "arrondissement", city: PNR, aliases: ["tietie"] },
  { name: "Loandjili", kind: "arrondissement", city: PNR, aliases: ["loanjili"] },
  { name: "Mongo-Mpoukou", kind: "arrondissement", city: PNR, aliases: ["mongo poukou"] },
  { name: "Ngoyo", kind: "arrondissement", city: PNR },
  // Common quartiers and landmarks used as addresses.
  {
    name: "Plateau des 15 ans",
    kind: "quartier",
    city: BZV,
    arrondissement: "Moungali",
    aliases: ["plateau des quinze ans"],
  },
  { name: "Moukondo", kind: "quartier", city: BZV, arrondissement: "Moungali" },
  { name: "Mikalou", kind: "quartier", city: BZV, arrondissement: "Talangaï" },
  { name: "Ngamakosso", kind: "quartier", city: BZV, arrondissement: "Talangaï" },
  { name: "Kinsoundi", kind: "quartier", city: BZV, arrondissement: "Makélékélé" },
  { name: "Case de Gaulle", kind: "quartier", city: BZV, arrondissement: "Bacongo" },
  { name: "Marché Total", kind: "quartier", city: BZV, arrondissement: "Bacongo" },
  { name: "Massengo", kind: "quartier", city: BZV, arrondissement: "Djiri" },
  { name: "Nkombo", kind: "quartier", city: BZV },
  { name: "Mpila", kind: "quartier", city: BZV },
  { name: "Diata", kind: "quartier", city: BZV },
  { name: "Ngamaba", kind: "quartier", city: BZV },
  { name: "Kombé", kind: "quartier", city: BZV },
  { name: "Mayanga", kind: "quartier", city: BZV },
  { name: "La Glacière", kind: "quartier", city: BZV, aliases: ["glaciere"] },
  { name: "Grand Marché", kind: "quartier", city: PNR },
  { name: "Côte Sauvage", kind: "quartier", city: PNR },
  { name: "Siafoumou", kind: "quartier", city: PNR },
  { name: "Tchimbamba", kind: "quartier", city: PNR },
  { name: "Mpaka", kind: "quartier", city: PNR },
  { name: "Fond Tié-Tié", kind: "quartier", city: PNR, aliases: ["fond tie tie"] },
  { name: "Centre-ville", kind: "quartier", city: "", aliases: ["centre ville", "centreville"] },
  // Cities and nearby communes.
  { name: "Brazzaville", kind: "city", city: BZV, aliases: ["brazza", "bzv"] },
  { name: "Pointe-Noire", kind: "city", city: PNR, aliases: ["pointe noire", "ponton", "pnr"] },
  { name: "Kintélé", kind: "city", city: "Kintélé" },
  { name: "Dolisie", kind: "city", city: "Dolisie" },
  { name: "Nkayi", kind: "city", city: "Nkayi" },
  { name: "Ouesso", kind: "city", city: "Ouesso" },
  { name: "Oyo", kind: "city", city: "Oyo" },
  { name: "Owando", kind: "city", city: "Owando" },
  { name: "Impfondo", kind: "city", city: "Impfondo" },
  { name: "Madingou", kind: "city", city: "Madingou" },
  { name: "Sibiti", kind: "city", city: "Sibiti" },
];
