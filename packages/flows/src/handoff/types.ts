import { z } from "zod";
import type { ConversationOwner, HandoffTrigger } from "../domain.js";
import type { InboundMessage } from "../messaging/inbound.js";
import { parseOptions } from "../validate-options.js";

/** Whether operators answer now: with the expected wait, or closed with when they are back. */
export type HandoffAvailability = { open: true; waitMinutes: number } | { open: false; opensAt: string };

/** What happened to a conversation's ownership, as {@link HandoffOptions.onChange} reports it. */
export type HandoffChange =
  | { kind: "requested"; userId: string; trigger: HandoffTrigger; at: number }
  | { kind: "taken"; userId: string; operatorId: string; previous: ConversationOwner; since: number; at: number }
  | { kind: "released"; userId: string; reason: string; operatorId?: string; since: number; at: number };

/**
 * Human handoff (issue 22): when the bot hands a conversation to a person, and who hears of it.
 * Without it the engine never hands over.
 */
export interface HandoffOptions {
  /** Not-understood turns in a row that hand the conversation over. Default 3; 0 never. */
  maxMisses?: number;
  /** Hand over after a turn that failed (a step threw). Default true. */
  onFailedTurn?: boolean;
  /** Whether operators answer now (operator hours, queue length). Default: open, 5 minutes. */
  availability?: (now: number) => HandoffAvailability;
  /**
   * Every inbound message of a conversation a person owns (or that started the handoff), after its
   * turn was committed: the inbox shows it. A rejection is logged; the message stays handled.
   */
  onInbound?: (message: InboundMessage, owner: ConversationOwner) => unknown;
  /** Ownership changed (requested, taken, released): live lists, figures. A rejection is logged. */
  onChange?: (change: HandoffChange) => unknown;
}

const alwaysOpen = (): HandoffAvailability => ({ open: true, waitMinutes: 5 });

/** A function option: checked by type and handed back as it is (zod's function schema would wrap it). */
const fn = <F>() => z.custom<F>((v) => typeof v === "function", "must be a function");

/**
 * {@link HandoffOptions} and their defaults, written once: the engine validates `handoff` with it (naming
 * `handoff.<field>`) and {@link resolveHandoff} returns its output.
 */
export const handoffOptionsSchema = z.object({
  maxMisses: z.number().int().min(0).max(20).default(3),
  onFailedTurn: z.boolean().default(true),
  // A function default is given by a factory (zod calls a function passed to `default`).
  availability: fn<NonNullable<HandoffOptions["availability"]>>().default(() => alwaysOpen),
  onInbound: fn<NonNullable<HandoffOptions["onInbound"]>>().optional(),
  onChange: fn<NonNullable<HandoffOptions["onChange"]>>().optional(),
});

/** {@link HandoffOptions} with defaults applied. */
export type ResolvedHandoff = z.output<typeof handoffOptionsSchema>;

/** Applies the defaults of {@link HandoffOptions}: one owner for them, {@link handoffOptionsSchema}. */
export function resolveHandoff(options: HandoffOptions): ResolvedHandoff {
  return parseOptions(handoffOptionsSchema, options);
}
