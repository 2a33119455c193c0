import { type ConversationMeta, type InboxEntry, type InboxStore, MAX_LINES } from "./types.ts";

/** An {@link InboxStore} in this process's memory (the demo, tests). */
export class MemoryInboxStore implements InboxStore {
  readonly #lines = new Map<string, InboxEntry[]>();
  readonly #meta = new Map<string, ConversationMeta>();
  readonly #counts: Record<string, number> = {};
  readonly #escalations = new Set<string>();

  async append(waId: string, entry: InboxEntry): Promise<void> {
    const lines = this.#lines.get(waId) ?? [];
    lines.push(entry);
    if (lines.length > MAX_LINES) lines.splice(0, lines.length - MAX_LINES);
    this.#lines.set(waId, lines);
    await this.updateMeta(waId, { lastAt: entry.at });
  }

  async lines(waId: string): Promise<InboxEntry[]> {
    return [...(this.#lines.get(waId) ?? [])];
  }

  async updateMeta(waId: string, fields: Record<string, unknown>): Promise<void> {
    const meta: Record<string, unknown> = { ...(this.#meta.get(waId) ?? { waId, lastAt: 0 }) };
    for (const [key, value] of Object.entries(fields)) {
      if (value === null) delete meta[key];
      else if (value !== undefined) meta[key] = value;
    }
    this.#meta.set(waId, meta as unknown as ConversationMeta);
  }

  async meta(waId: string): Promise<ConversationMeta | undefined> {
    const meta = this.#meta.get(waId);
    return meta ? { ...meta } : undefined;
  }

  async recent(limit: number): Promise<string[]> {
    return [...this.#meta.values()]
      .sort((a, b) => b.lastAt - a.lastAt)
      .slice(0, limit)
      .map((m) => m.waId);
  }

  async addCounts(increments: Readonly<Record<string, number>>): Promise<void> {
    for (const [key, by] of Object.entries(increments)) this.#counts[key] = (this.#counts[key] ?? 0) + by;
  }

  async counts(): Promise<Record<string, number>> {
    return { ...this.#counts };
  }

  async claimEscalation(waId: string, since: number): Promise<boolean> {
    const key = `${waId}:${since}`;
    if (this.#escalations.has(key)) return false;
    this.#escalations.add(key);
    return true;
  }
}
