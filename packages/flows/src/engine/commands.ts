import type { UserInput } from "../messaging/inbound.js";

/** Words and buttons the engine answers in any step. */
export type Command = "menu" | "cancel" | "back" | "help" | "yes" | "no" | "resume" | "restart" | "french" | "english";

/** Button ids the engine uses for its own buttons (`cmd:<command>`). */
export const commandId = (command: Command): string => `cmd:${command}`;

// French first, English accepted everywhere: users mix both.
const words: Record<Command, readonly string[]> = {
  menu: ["menu", "menu principal", "accueil", "home", "main menu"],
  cancel: ["annuler", "annule", "annulez", "stop", "cancel", "abandonner", "quitter"],
  back: ["retour", "revenir", "precedent", "back", "go back", "previous"],
  help: ["aide", "aidez moi", "help", "sos", "au secours", "?"],
  yes: ["oui", "ouais", "ok", "d accord", "daccord", "yes", "yep", "confirmer", "oui changer"],
  no: ["non", "no", "nope", "non continuer", "continuer", "no continue", "continue"],
  resume: ["reprendre", "continuer ma demande", "resume"],
  restart: ["recommencer", "nouvelle demande", "restart", "start over"],
  french: ["francais", "en francais", "french"],
  english: ["english", "in english", "anglais", "en anglais"],
};

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
  if (input.kind === "choice") {
    if (input.id.startsWith("cmd:")) {
      const c = input.id.slice(4) as Command;
      if (c in words) return c;
    }
    return undefined;
  }
  if (input.kind !== "text") return undefined;
  return lookup.get(normalizeWords(input.text));
}
