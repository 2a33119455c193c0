import { z } from "zod";
import type { InboundMessage } from "../messaging/inbound.js";
import { DEFAULT_RETENTION_MS } from "../retention.js";
import { parseOptions } from "../validate-options.js";
import { decodeInbound, encodeInbound } from "./inbound-record.js";
import type { Mailbox } from "./types.js";

/** Options of {@link MemoryMailbox}. */
export interface MemoryMailboxOptions {
  /** How long a message id is remembered to refuse redeliveries, in ms. Default 24 h ({@link DEFAULT_RETENTION_MS}). */
  dedupeWindowMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

// The options and their defaults, written once; the constructor uses the parsed output.
const optionsSchema = z.object({
  dedupeWindowMs: z.number().int().positive().default(DEFAULT_RETENTION_MS),
  // A function default is given by a factory (zod calls a function passed to `default`).
  now: z.custom<() => number>((v) => typeof v === "function", "must be a function").default(() => Date.now),
});

/**
 * The in-process {@link Mailbox}: the default, for one process (the demo, tests).
 * Messages are kept serialised, as a durable mailbox would, so nothing shares mutable objects.
 */
export class MemoryMailbox implements Mailbox {
  readonly #boxes = new Map<string, { id: string; json: string }[]>();
  /** Message id → time it stops being remembered; insertion order is time order. */
  readonly #seen = new Map<string, number>();
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(options: MemoryMailboxOptions = {}) {
    const o = parseOptions(optionsSchema, options);
    this.#windowMs = o.dedupeWindowMs;
    this.#now = o.now;
  }

  async append(messages: readonly InboundMessage[]): Promise<number> {
    const now = this.#now();
    this.#forget(now);
    let added = 0;
    for (const message of messages) {
      if ((this.#seen.get(message.id) ?? 0) > now) continue;
      this.#seen.set(message.id, now + this.#windowMs);
      const box = this.#boxes.get(message.from) ?? [];
      box.push({ id: message.id, json: encodeInbound(message) });
      this.#boxes.set(message.from, box);
      added++;
    }
    return added;
  }

  async peek(userId: string): Promise<InboundMessage | undefined> {
    const head = this.#boxes.get(userId)?.[0];
    return head ? decodeInbound(head.json) : undefined;
  }

  async ack(userId: string, messageId: string): Promise<void> {
    const box = this.#boxes.get(userId);
    if (box?.[0]?.id !== messageId) return;
    box.shift();
    if (box.length === 0) this.#boxes.delete(userId);
  }

  /** Messages waiting, all users together. */
  get size(): number {
    let n = 0;
    for (const box of this.#boxes.values()) n += box.length;
    return n;
  }

  #forget(now: number): void {
    for (const [id, until] of this.#seen) {
      if (until > now) return;
      this.#seen.delete(id);
    }
  }
}
