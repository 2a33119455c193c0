import { tokenize } from "../text/tokenize.js";
import { FRENCH, LINGALA_STRONG, LINGALA_WEAK } from "./language-lexicon.js";

/** Languages {@link detectLanguage} tells apart. */
export type DetectedLanguage = "ln" | "fr";

/** What {@link detectLanguage} read. */
export interface LanguageGuess {
  /** `ln` when the message is clearly Lingala, `fr` when clearly French, undefined when mixed or too short to tell. */
  language: DetectedLanguage | undefined;
  /** Weight of the Lingala words (1 each, ½ for short words French SMS also uses). */
  lingala: number;
  /** Number of French function words. */
  french: number;
}

/**
 * Tells a Lingala message from a French one, as Brazzaville writes both: Lingala-French mixes are
 * common, so a message is called Lingala only when its Lingala words outweigh its French ones
 * twice over (and one of them is unambiguous), and French only when it holds no unambiguous
 * Lingala word and at least two French ones. Anything between is left undecided, so a caller
 * keeps the language it was using. Loanwords ("colis", "livreur", "adresse") count for neither.
 * @example
 * detectLanguage("Mbote, nalingi kotinda colis").language; // "ln"
 * detectLanguage("Bonjour, je veux envoyer un colis").language; // "fr"
 * detectLanguage("Bonjour je veux envoyer un colis na ndeko na ngai").language; // undefined (mixed)
 */
export function detectLanguage(text: string): LanguageGuess {
  if (typeof text !== "string") return { language: undefined, lingala: 0, french: 0 };
  let strong = 0;
  let weak = 0;
  let french = 0;
  for (const { folded } of tokenize(text)) {
    if (LINGALA_STRONG.has(folded)) strong++;
    else if (LINGALA_WEAK.has(folded)) weak++;
    else if (FRENCH.has(folded)) french++;
  }
  const lingala = strong + weak / 2;
  let language: DetectedLanguage | undefined;
  if (strong >= 1 && lingala >= 2 * french) language = "ln";
  else if (strong === 0 && french >= 2) language = "fr";
  return { language, lingala, french };
}
