import type { Locale } from "../sessions/types.js";
import { en } from "./en.js";
import { fr } from "./fr.js";

/** Every text the engine, the built-in flows and the notifications send, for one language. */
export type Catalogue = typeof fr;

/** The built-in catalogues by locale. */
export const catalogues: Record<Locale, Catalogue> = { fr, en };
