import type { UserInput } from "../messaging/inbound.js";
import { encodePayload, payloadValue } from "../messaging/payloads.js";
import type { Locale } from "../sessions/types.js";
import type { Command } from "./command-names.js";

export type { Command } from "./command-names.js";

/** Button ids the engine uses for its own buttons (`cmd:<command>`). */
export const commandId = (command: Command): string => encodePayload("cmd", command);

// French first, English and Lingala accepted everywhere: users mix them.
const words: Record<Command, readonly string[]> = {
  menu: ["menu", "menu principal", "accueil", "home", "main menu"],
  cancel: ["annuler", "annule", "annulez", "stop", "cancel", "abandonner", "quitter", "kotika", "tika"],
  back: ["retour", "revenir", "precedent", "back", "go back", "previous", "kozonga"],
  help: ["aide", "aidez moi", "help", "sos", "au secours", "?", "lisalisi"],
  yes: ["oui", "ouais", "ok", "d accord", "daccord", "yes", "yep", "confirmer", "oui changer", "iyo", "kondima"],
  no: ["non", "no", "nope", "non continuer", "continuer", "no continue", "continue", "te", "te tokoba", "tokoba"],
  resume: ["reprendre", "continuer ma demande", "resume", "kokoba"],
  restart: ["recommencer", "nouvelle demande", "restart", "start over", "kobanda sika"],
  // "/langue fr" reads "langue fr" once punctuation is dropped.
  french: ["francais", "en francais", "french", "langue fr", "lang fr"],
  english: ["english", "in english", "anglais", "en anglais", "langue en", "lang en"],
  lingala: ["lingala", "en lingala", "na lingala", "langue ln", "lang ln"],
};

/** The language each language command chooses. */
export const commandLocale = { french: "fr", english: "en", lingala: "ln" } as const satisfies Partial<
  Record<Command, Locale>
>;

const lookup = new Map<string, Command>();
for (const [command, list] of Object.entries(words) as Array<[Command, readonly string[]]>) {
  for (const w of list) lookup.set(w, command);
}

/**
 * Lowercases, strips accents, emoji and punctuation, and collapses spaces,
 * so "❌ Annuler !" and "ANNULER" read the same.
 */
export function normalizeWords(text: string): string {
  const plain = text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[’']/g, " ");
  if (plain.trim() === "?") return "?";
  return plain
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The global command an input expresses, if any (typed word, tapped `cmd:` button, or a button titled like one). */
export function detectCommand(input: UserInput): Command | undefined {
  if (input.kind === "choice") return payloadValue(input.id, "cmd");
  if (input.kind !== "text") return undefined;
  return lookup.get(normalizeWords(input.text));
}
