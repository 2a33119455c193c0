import type { Locale } from "../sessions/types.js";
import type { Catalogue } from "./catalogue-type.js";
import { en } from "./en.js";
import { fr } from "./fr.js";
import { ln } from "./ln.js";

export type { Catalogue } from "./catalogue-type.js";

/** The built-in catalogues by locale. */
export const catalogues: Record<Locale, Catalogue> = { fr, en, ln };
