// The ids of every button and list row the bot sends, as typed values: WhatsApp hands them back
// as they were sent, but anything can arrive (an old message tapped weeks later, a forged webhook),
// so each is decoded against the table below before a step believes it.
import { z } from "zod";
import { missionStatuses, paymentMethods, roles } from "../domain.js";
import { commandNames } from "../engine/command-names.js";
import { FlowsValidationError } from "../errors.js";

/** A backend id or reference: no surrounding spaces, short enough for a list row id (200 chars). */
const ref = z
  .string()
  .min(1)
  .max(180)
  .regex(/^\S(?:.*\S)?$/s);

/** The statuses a driver sets, in the timeline's order. */
const driverUpdates = missionStatuses.filter((s) => s !== "pending" && s !== "accepted");

/**
 * Every payload kind the bot uses, with the schema its value is read with (from the text after the
 * first `:`): the one place a button id's shape is declared.
 */
const kinds = {
  /** An engine command button (`cmd:cancel`). */
  cmd: z.enum(commandNames),
  /** A menu row opening a flow (`flow:courier`). */
  flow: ref,
  /** The role picked at sign-up. */
  role: z.enum(roles),
  /** Sign-up confirmation. */
  auth: z.literal("confirm"),
  /** "Mon compte" of a signed-in user: change the name, the language, sign out, or back to the menu. */
  account: z.enum(["name", "role", "language", "signout", "menu"]),
  /** Courier recap: confirm or edit. */
  courier: z.enum(["confirm", "edit"]),
  /** Which courier field to edit. */
  edit: ref,
  /** Marketplace: a category. */
  cat: ref,
  /** Marketplace: a shop, or a basket / recap action (`more`, `checkout`, `confirm`). */
  shop: ref,
  /** Marketplace: a product. */
  prod: ref,
  /** Marketplace: a quantity, 1 to 99. */
  qty: z
    .string()
    .regex(/^[1-9]\d?$/)
    .transform(Number),
  /** Marketplace: a payment method. */
  pay: z.enum(paymentMethods),
  /** Mobile Money: the customer's own number pays, or another. */
  payer: z.enum(["self", "other"]),
  /** Mobile Money: a number with the other operator's prefix really is an account of the chosen one (ported), or not. */
  payerop: z.enum(["yes", "no"]),
  /** Mobile Money, after a failed payment: try again, another number, or cash. */
  payfix: z.enum(["retry", "other", "cash"]),
  /** Mobile Money: the app's message that a payment settled (the step then asks the payment port). */
  payment: z.literal("settled"),
  /** Driver: a mission to look at. */
  mission: ref,
  /** Driver: accept this mission (`accept:M-1042`); a tap on an older mission's button is refused. */
  accept: ref,
  /** Driver: look at another mission instead, or go online / offline (offers reach him or not). */
  driver: z.enum(["other", "online", "offline"]),
  /** Driver: the next status of the mission. */
  status: z.enum(driverUpdates as [(typeof driverUpdates)[number], ...(typeof driverUpdates)[number][]]),
  /** Merchant: an order, or an action on it (`confirmed`, `ready`, `cancelled`). */
  order: ref,
  /** Tracking: a reference. */
  track: ref,
  /**
   * A delivery's rating (`feedback:COUR-20261121-061:good`): the format of the `feedback_request`
   * template's quick replies (`@toktok/whatsapp-client`), also used by the session message.
   */
  feedback: z.string().regex(/^\S+:(good|ok|bad)$/),
  /** The answer to "do you want our offers?" (`marketing:yes`), read at any time, even long after. */
  marketing: z.enum(["yes", "no"]),
} as const satisfies Record<string, z.ZodType<unknown, string>>;

/** The kinds of button and list-row payloads (`cmd`, `flow`, `mission`…). */
export type PayloadKind = keyof typeof kinds;

/** The value a payload of kind `K` carries (`"cancel"` for `cmd:cancel`, `3` for `qty:3`). */
export type PayloadValue<K extends PayloadKind> = z.output<(typeof kinds)[K]>;

/** A decoded payload, discriminated by `kind`. */
export type Payload = { [K in PayloadKind]: { kind: K; value: PayloadValue<K> } }[PayloadKind];

/** What {@link decodePayload} makes of an id: the payload, or why it is not one of ours. */
export type PayloadDecoding =
  | { ok: true; payload: Payload }
  | { ok: false; reason: "malformed" | "unknown_kind" | "invalid_value" };

/** Every payload kind, for documentation and exhaustive tests. */
export const payloadKinds: readonly PayloadKind[] = Object.keys(kinds) as PayloadKind[];

const isKind = (k: string): k is PayloadKind => Object.hasOwn(kinds, k);

/** Reads a button or list-row id the bot sent earlier; never throws, whatever arrives. */
export function decodePayload(id: unknown): PayloadDecoding {
  if (typeof id !== "string") return { ok: false, reason: "malformed" };
  const colon = id.indexOf(":");
  if (colon <= 0) return { ok: false, reason: "malformed" };
  const kind = id.slice(0, colon);
  if (!isKind(kind)) return { ok: false, reason: "unknown_kind" };
  const value = kinds[kind].safeParse(id.slice(colon + 1));
  if (!value.success) return { ok: false, reason: "invalid_value" };
  return { ok: true, payload: { kind, value: value.data } as Payload };
}

/** The value of `id` when it is a valid payload of `kind`, else `undefined`. */
export function payloadValue<K extends PayloadKind>(id: unknown, kind: K): PayloadValue<K> | undefined {
  const decoded = decodePayload(id);
  return decoded.ok && decoded.payload.kind === kind ? (decoded.payload.value as PayloadValue<K>) : undefined;
}

/**
 * The id of a button or list row carrying `value`, checked against its kind's schema so a bad id
 * is refused where it is made, not when the user taps it.
 * @throws {FlowsValidationError} when `value` is not valid for `kind`.
 * @example
 * encodePayload("mission", "M-1042"); // "mission:M-1042"
 */
export function encodePayload<K extends PayloadKind>(kind: K, value: PayloadValue<K>): string {
  const id = `${kind}:${String(value)}`;
  const back = decodePayload(id);
  if (!back.ok || back.payload.value !== value) {
    throw new FlowsValidationError(`payload.${kind}`, `${JSON.stringify(value)} is not a valid ${kind} payload`);
  }
  return id;
}
