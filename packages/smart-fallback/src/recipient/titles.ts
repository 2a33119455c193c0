// Titles, ranks and kinship words written in front of a recipient's name, as Brazzaville types
// them (abbreviated, without accents, in any case). Keys are folded; values are the spelling
// kept in front of the name ("pr l'adjudant mavoungou" → "Adjudant Mavoungou").

const COURTESY: ReadonlyArray<readonly [string, string]> = [
  ["mme", "Mme"],
  ["madame", "Madame"],
  ["mr", "M."],
  ["monsieur", "Monsieur"],
  ["mlle", "Mlle"],
  ["mademoiselle", "Mademoiselle"],
  ["mrs", "Mrs"],
  ["ms", "Ms"],
];

// Family words are also how elders and friends are addressed: "maman Jeanne", "yaya Nadège"
// (Lingala: elder sibling), "ndeko Patrick" (sibling, friend), "koko" (grandparent).
const KINSHIP: ReadonlyArray<readonly [string, string]> = [
  ["maman", "Maman"],
  ["mama", "Mama"],
  ["mamie", "Mamie"],
  ["mami", "Mami"],
  ["mamy", "Mamy"],
  ["papa", "Papa"],
  ["papy", "Papy"],
  ["papi", "Papi"],
  ["tonton", "Tonton"],
  ["tantine", "Tantine"],
  ["tantie", "Tantie"],
  ["tanti", "Tanti"],
  ["tata", "Tata"],
  ["oncle", "Oncle"],
  ["tante", "Tante"],
  ["cousin", "Cousin"],
  ["cousine", "Cousine"],
  ["yaya", "Yaya"],
  ["ndeko", "Ndeko"],
  ["koko", "Koko"],
  ["nkoko", "Nkoko"],
  ["vieux", "Vieux"],
];

const RANKS: ReadonlyArray<readonly [string, string]> = [
  // Military and police.
  ["sergent", "Sergent"],
  ["sgt", "Sergent"],
  ["adjudant", "Adjudant"],
  ["adjudant-chef", "Adjudant-Chef"],
  ["sergent-chef", "Sergent-Chef"],
  ["caporal-chef", "Caporal-Chef"],
  ["adj", "Adjudant"],
  ["caporal", "Caporal"],
  ["cpl", "Caporal"],
  ["capitaine", "Capitaine"],
  ["cne", "Capitaine"],
  ["lieutenant", "Lieutenant"],
  ["lt", "Lieutenant"],
  ["commandant", "Commandant"],
  ["cdt", "Commandant"],
  ["colonel", "Colonel"],
  ["general", "Général"],
  ["gendarme", "Gendarme"],
  ["brigadier", "Brigadier"],
  ["aspirant", "Aspirant"],
  ["marechal", "Maréchal"],
  ["major", "Major"],
  ["chef", "Chef"],
  ["commissaire", "Commissaire"],
  ["inspecteur", "Inspecteur"],
  ["inspectrice", "Inspectrice"],
  // Medical.
  ["dr", "Dr"],
  ["docteur", "Docteur"],
  ["docta", "Docteur"],
  ["dokta", "Docteur"],
  ["doc", "Docteur"],
  ["infirmier", "Infirmier"],
  ["sage-femme", "Sage-Femme"],
  ["infirmiere", "Infirmière"],
  ["medecin", "Médecin"],
  ["pharmacien", "Pharmacien"],
  ["pharmacienne", "Pharmacienne"],
  // Civil and legal.
  ["maitre", "Maître"],
  ["me", "Me"],
  ["notaire", "Notaire"],
  ["huissier", "Huissier"],
  ["juge", "Juge"],
  ["avocat", "Avocat"],
  ["prof", "Prof"],
  ["professeur", "Professeur"],
  ["ingenieur", "Ingénieur"],
  ["ing", "Ingénieur"],
  ["secretaire", "Secrétaire"],
  ["directeur", "Directeur"],
  ["directrice", "Directrice"],
  ["president", "Président"],
  ["ministre", "Ministre"],
  ["depute", "Député"],
  ["maire", "Maire"],
  ["prefet", "Préfet"],
  // Religious.
  ["pasteur", "Pasteur"],
  ["abbe", "Abbé"],
  ["pere", "Père"],
  ["mere", "Mère"],
  ["soeur", "Sœur"],
  ["frere", "Frère"],
  ["reverend", "Révérend"],
  ["rev", "Révérend"],
  ["mgr", "Mgr"],
  ["monseigneur", "Monseigneur"],
  ["eveque", "Évêque"],
  ["diacre", "Diacre"],
  ["prophete", "Prophète"],
  ["apotre", "Apôtre"],
  ["evangeliste", "Évangéliste"],
  ["imam", "Imam"],
];

/** Titles that take a complement: "chef de quartier Mampouya", "chef de bloc Ngoma". */
export const TITLE_COMPLEMENTS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["chef", new Set(["quartier", "bloc", "zone", "village", "terre", "service", "gare"])],
]);

/** Lingala possessives after a kinship word: "ndeko na ngai Arsène" (my sibling Arsène). */
export const LINGALA_POSSESSIVES: ReadonlySet<string> = new Set(["ngai", "yo", "ye", "biso", "bino", "bango"]);

/** Every title, folded → the spelling kept in front of the name. */
export const TITLES: ReadonlyMap<string, string> = new Map([...COURTESY, ...KINSHIP, ...RANKS]);

/**
 * Titles that are also everyday words ("le chef a dit", "un doc", "Me" = "me"): they introduce
 * a name only when the name is capitalised.
 */
export const AMBIGUOUS_TITLES: ReadonlySet<string> = new Set([
  "me",
  "doc",
  "chef",
  "general",
  "major",
  "directeur",
  "directrice",
  "president",
  "ministre",
  "maire",
  "juge",
  "avocat",
  "vieux",
  "mere",
  "pere",
  "ing",
  "adj",
  "lt",
  "rev",
  "cousin",
  "cousine",
  "oncle",
  "tante",
  "commissaire",
  "inspecteur",
  "secretaire",
]);
