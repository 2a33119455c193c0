import type { fr } from "./fr.js";

/**
 * Every text the engine, the built-in flows and the notifications send, for one language.
 *
 * French is the reference catalogue: every other language (`en.ts`, …) is typed against this shape,
 * so a key added to `fr.ts` fails the compiler until every language has it. This type lives apart
 * from `catalogue.ts` so that the language files can import it without importing the registry that
 * imports them back.
 */
export type Catalogue = typeof fr;
