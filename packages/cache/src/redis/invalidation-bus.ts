// The pub/sub side of TieredCache: broadcasts this instance's writes, applies other instances' ones, and wakes
// `wrap` calls waiting for a value another process is computing.
import type { CacheLogger } from "../logger.js";
import type { RedisClientLike, RedisSubscriberLike } from "./client.js";
import { runCommand } from "./command.js";

/** What a message asks the other instances to do with their in-memory copy. */
export type InvalidationOp = "set" | "del" | "prefix";

type Message = { i: string; op: InvalidationOp; k: string };

export interface InvalidationBusOptions {
  client: RedisClientLike;
  subscriber: RedisSubscriberLike;
  ownsSubscriber: boolean;
  channel: string;
  instanceId: string;
  timeoutMs: number;
  logger: CacheLogger;
  /** Applies another instance's write to our L1. */
  onRemote(op: InvalidationOp, key: string): void;
  /** The subscriber (re)connected: messages sent meanwhile are lost. */
  onReconnect(): void;
}

export class InvalidationBus {
  /** Messages received from other instances. */
  received = 0;
  readonly ready: Promise<void>;
  readonly #o: InvalidationBusOptions;
  readonly #waiters = new Map<string, Set<() => void>>();

  constructor(options: InvalidationBusOptions) {
    this.#o = options;
    options.subscriber.on("message", this.#onMessage);
    options.subscriber.on("ready", options.onReconnect);
    this.ready = Promise.resolve(options.subscriber.subscribe(options.channel)).then(() => undefined);
    // Surface a failed subscription through `ready`, not as an unhandled rejection.
    this.ready.catch((error: unknown) => options.logger.error("cache invalidation subscribe failed", { error }));
  }

  /** Tells the other instances about a write of ours. */
  async publish(op: InvalidationOp, key: string, signal: AbortSignal | undefined): Promise<void> {
    const message: Message = { i: this.#o.instanceId, op, k: key };
    await runCommand(this.#o.client, this.#o.timeoutMs, signal, "PUBLISH", this.#o.channel, JSON.stringify(message));
  }

  /** Resolves when another instance writes `key`, or after `ms` (an `unref`'d timer), whichever comes first. */
  waitFor(key: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      let set = this.#waiters.get(key);
      if (!set) {
        set = new Set();
        this.#waiters.set(key, set);
      }
      const waiters = set;
      const wake = () => {
        clearTimeout(timer);
        waiters.delete(wake);
        if (waiters.size === 0 && this.#waiters.get(key) === waiters) this.#waiters.delete(key);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      timer.unref();
      waiters.add(wake);
    });
  }

  /** Stops listening, wakes every waiter, and closes or unsubscribes the subscriber connection. */
  async close(): Promise<void> {
    const { subscriber, ownsSubscriber, channel, onReconnect } = this.#o;
    subscriber.removeListener("message", this.#onMessage);
    subscriber.removeListener("ready", onReconnect);
    for (const wake of [...this.#waiters.values()].flatMap((s) => [...s])) wake();
    if (ownsSubscriber) await subscriber.quit().catch(() => undefined);
    else await subscriber.unsubscribe(channel).catch(() => undefined);
  }

  readonly #onMessage = (channel: string, raw: string): void => {
    if (channel !== this.#o.channel) return;
    let message: Message;
    try {
      message = JSON.parse(raw) as Message;
    } catch {
      return; // not one of ours
    }
    if (message.i === this.#o.instanceId) return;
    this.received++;
    this.#o.onRemote(message.op, message.k);
    if (message.op === "set") for (const wake of [...(this.#waiters.get(message.k) ?? [])]) wake();
  };
}
