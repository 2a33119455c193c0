import type { Analytics } from "@toktok/analytics";
import type { SessionStore } from "@toktok/flows";
import type { TestConversation, TurnTranscript } from "@toktok/flows/testing";

/** The seeding timeline: one clock for the conversations, the backend and the analytics. */
export interface Timeline {
  /** Current simulated time, epoch ms. */
  readonly t: number;
  /** Moves forward by `ms` (never back). */
  advance(ms: number): void;
  /** Jumps forward to `ms` when it is later than now. */
  reach(ms: number): void;
}

/** A deterministic PRNG (mulberry32) so two demo runs show the same page. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * One WhatsApp user talking to the real flow engine: each message waits a human pause first and
 * records the engine's measured handling time as the bot's response time.
 */
export class Player {
  readonly chat: TestConversation;
  readonly #timeline: Timeline;
  readonly #analytics: Analytics;
  readonly #rand: () => number;
  readonly #store: SessionStore;
  readonly #user: string;

  constructor(
    chat: TestConversation,
    user: string,
    deps: { timeline: Timeline; analytics: Analytics; rand: () => number; store: SessionStore },
  ) {
    this.chat = chat;
    this.#user = user;
    this.#timeline = deps.timeline;
    this.#analytics = deps.analytics;
    this.#rand = deps.rand;
    this.#store = deps.store;
  }

  /** Where the engine has this user now (flow and step), read from its session store. */
  async where(): Promise<{ flow?: string; step?: string; pending: boolean }> {
    const stored = await this.#store.load(this.#user);
    const flow = stored?.session.flow;
    return { ...(flow ? { flow: flow.id, step: flow.step } : {}), pending: stored?.session.pending !== undefined };
  }

  /** Leaves anything left half-done by an earlier visit (a real user would type « menu »). */
  async fresh(): Promise<void> {
    const here = await this.where();
    if (here.flow !== undefined || here.pending) await this.send("menu");
  }

  /** A uniform integer in `[min, max]`. */
  int(min: number, max: number): number {
    return min + Math.floor(this.#rand() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.#rand() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.#rand() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** Waits like a person typing: `min`–`max` seconds. */
  pause(min = 8, max = 60): void {
    this.#timeline.advance(this.int(min, max) * 1000);
  }

  send(text: string): Promise<TurnTranscript> {
    return this.#turn(() => this.chat.send(text));
  }

  tap(idOrTitle: string): Promise<TurnTranscript> {
    return this.#turn(() => this.chat.tap(idOrTitle));
  }

  shareLocation(latitude: number, longitude: number, extra?: { name?: string; address?: string }) {
    return this.#turn(() => this.chat.shareLocation(latitude, longitude, extra));
  }

  /** Taps one of the options offered with this prefix (`cat:`, `shop:`, `prod:`…), at random. */
  tapOneOf(turn: TurnTranscript, prefix: string): Promise<TurnTranscript> {
    const offered = turn.options.filter((o) => o.startsWith(prefix));
    if (offered.length === 0)
      throw new Error(`no "${prefix}" option offered; the bot said: ${turn.text.slice(0, 200)}`);
    return this.tap(this.pick(offered));
  }

  async #turn(run: () => Promise<TurnTranscript>): Promise<TurnTranscript> {
    this.pause();
    const started = performance.now();
    const turn = await run();
    this.#analytics.trackResponseTime(performance.now() - started, { operation: "flow_turn" });
    return turn;
  }
}
