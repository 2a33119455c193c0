import { normalizeWords } from "../../engine/commands.js";
import type { UserInput } from "../../messaging/inbound.js";
import { type PayloadKind, type PayloadValue, payloadValue } from "../../messaging/payloads.js";

/**
 * The option a user picked: a tapped button or list row whose payload is of `kind` and one of the
 * options (a forged id, or a stale one no longer offered, picks nothing and the step asks again),
 * or typed text matching an option's title or its number in the list.
 */
export function pickOption<K extends PayloadKind, V extends PayloadValue<K>>(
  input: UserInput,
  kind: K,
  options: ReadonlyArray<{ id: V; title: string }>,
): V | undefined {
  if (input.kind === "choice") {
    const value = payloadValue(input.id, kind);
    if (value === undefined) return undefined;
    return options.find((o) => o.id === value)?.id ?? (options.length === 0 ? (value as V) : undefined);
  }
  if (input.kind !== "text") return undefined;
  const typed = normalizeWords(input.text);
  if (typed === "") return undefined;
  const index = /^\d{1,2}$/.test(typed) ? Number(typed) - 1 : -1;
  if (index >= 0 && index < options.length) return options[index]?.id;
  const exact = options.find((o) => normalizeWords(o.title) === typed);
  if (exact) return exact.id;
  const partial = options.filter((o) => normalizeWords(o.title).includes(typed) && typed.length >= 3);
  return partial.length === 1 ? partial[0]?.id : undefined;
}

/** True when the input is a yes (typed or tapped). */
export function isYes(input: UserInput, id: string): boolean {
  if (input.kind === "choice") return input.id === id || payloadValue(input.id, "cmd") === "yes";
  if (input.kind !== "text") return false;
  // French, English and Lingala ("iyo" yes, "nandimi" I agree, "kondima" confirm).
  return [
    "oui",
    "ok",
    "yes",
    "confirmer",
    "confirm",
    "je confirme",
    "valider",
    "d accord",
    "iyo",
    "nandimi",
    "kondima",
  ].includes(normalizeWords(input.text));
}
