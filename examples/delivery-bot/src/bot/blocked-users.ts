// The users the bot ignores. WhatsApp keeps the number's block list (`block_users`); the bot reads it
// at start, so a user blocked from another tool or an earlier run stays ignored, and blocking or
// unblocking through the bot goes to the API first, so the list and the bot never disagree.
import type { WhatsAppClient } from "@toktok/whatsapp-client";

/** The WhatsApp client's block-list calls (`WhatsAppClient` fits). */
export type BlockingApi = Pick<WhatsAppClient, "listBlockedUsers" | "blockUsers" | "unblockUsers">;

/** Users per page read from the API; Meta allows up to 1000. */
const PAGE_SIZE = 100;
/** A cursor that never ends (a faulty API) stops here rather than looping forever: 100 000 users. */
const MAX_PAGES = 1000;

const digits = (waId: string) => waId.replace(/\D/g, "");

/** The blocked set, seeded by `WHATSAPP_BLOCKED_USERS` and kept in step with the API when there is one. */
export class BlockedUsers {
  readonly #ids: Set<string>;
  readonly #api: BlockingApi | undefined;

  constructor(initial: readonly string[] = [], api?: BlockingApi) {
    this.#ids = new Set(initial.map(digits));
    this.#api = api;
  }

  has(waId: string): boolean {
    return this.#ids.has(digits(waId));
  }

  /** Adds every page of the API's block list to the set; the number of ids read (0 without an API). */
  async load(): Promise<number> {
    if (!this.#api) return 0;
    let read = 0;
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const { data, after: next } = await this.#api.listBlockedUsers({ limit: PAGE_SIZE, ...(after ? { after } : {}) });
      for (const id of data) this.#ids.add(digits(id));
      read += data.length;
      if (next === undefined || next === after) break;
      after = next;
    }
    return read;
  }

  /** Blocks through the API (when there is one), then ignores every user it did not refuse; returns those (digits). */
  async block(waIds: Iterable<string>): Promise<string[]> {
    const done = await this.#through("blockUsers", [...waIds]);
    this.add(done);
    return done;
  }

  /** Unblocks through the API (when there is one), then answers every user it did not refuse; returns those (digits). */
  async unblock(waIds: Iterable<string>): Promise<string[]> {
    const done = await this.#through("unblockUsers", [...waIds]);
    this.remove(done);
    return done;
  }

  /** Ignores these users without calling the API: a block made by another bot process. */
  add(waIds: Iterable<string>): void {
    for (const id of waIds) this.#ids.add(digits(id));
  }

  /** Answers these users again without calling the API: an unblock made by another bot process. */
  remove(waIds: Iterable<string>): void {
    for (const id of waIds) this.#ids.delete(digits(id));
  }

  async #through(call: "blockUsers" | "unblockUsers", waIds: string[]): Promise<string[]> {
    const ids = waIds.map(digits);
    if (!this.#api || ids.length === 0) return ids;
    const result = await this.#api[call](ids);
    const refused = new Set(result.failed.map((f) => digits(f.waId ?? f.input)));
    return ids.filter((id) => !refused.has(id));
  }
}
