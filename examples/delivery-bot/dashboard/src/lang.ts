import { createContext, useContext } from "react";
import { type Lang, STRINGS, type Strings } from "./i18n.ts";

export const LangContext = createContext<Lang>("fr");

/** The current language and its strings. */
export function useT(): { lang: Lang; t: Strings } {
  const lang = useContext(LangContext);
  return { lang, t: STRINGS[lang] };
}
