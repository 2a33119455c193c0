import { EventEmitter } from "node:events";
import type { ConversationOwner } from "@toktok/flows";
import type { Logger } from "@toktok-example/shared";
import type { Cluster, Redis } from "ioredis";

/** What the inbox's live list hears (`GET /api/inbox/events`, one SSE event each). */
export interface InboxEvent {
  /** `waiting`: a customer started waiting (sound and badge); `message`: a new line. */
  type: "waiting" | "taken" | "released" | "message" | "escalated";
  waId: string;
  owner: ConversationOwner;
  at: number;
}

/** Fans inbox events out to every open dashboard, in this process or (on Redis) in any process. */
export interface InboxBus {
  publish(event: InboxEvent): Promise<void>;
  /** @returns the unsubscribe function. */
  subscribe(listener: (event: InboxEvent) => void): () => void;
  close(): Promise<void>;
}

/** An {@link InboxBus} inside one process. */
export class MemoryInboxBus implements InboxBus {
  readonly #emitter = new EventEmitter().setMaxListeners(0);

  async publish(event: InboxEvent): Promise<void> {
    this.#emitter.emit("event", event);
  }

  subscribe(listener: (event: InboxEvent) => void): () => void {
    this.#emitter.on("event", listener);
    return () => this.#emitter.off("event", listener);
  }

  async close(): Promise<void> {
    this.#emitter.removeAllListeners();
  }
}

const CHANNEL = "toktok:inbox:events";

/**
 * An {@link InboxBus} on Redis pub/sub: an event published by the process that handled a webhook
 * reaches the dashboards connected to every other process. The subscriber is a duplicate of the
 * bot's connection (a subscribed connection can run nothing else) and reconnects with it.
 */
export class RedisInboxBus implements InboxBus {
  readonly #local = new MemoryInboxBus();
  readonly #publisher: Redis | Cluster;
  readonly #subscriber: Redis | Cluster;

  constructor(redis: Redis | Cluster, logger: Logger) {
    this.#publisher = redis;
    // A Cluster's duplicate is a Cluster: both shapes have duplicate(), typed apart.
    this.#subscriber = (redis as Redis).duplicate();
    this.#subscriber.on("error", (error: Error) =>
      logger.warn("inbox: event subscriber error", { error: error.message }),
    );
    this.#subscriber.on("message", (_channel: string, raw: string) => {
      try {
        void this.#local.publish(JSON.parse(raw) as InboxEvent);
      } catch {
        logger.warn("inbox: unreadable event ignored");
      }
    });
    void this.#subscriber
      .subscribe(CHANNEL)
      .catch((error: Error) => logger.warn("inbox: cannot subscribe to events", { error: error.message }));
  }

  async publish(event: InboxEvent): Promise<void> {
    await this.#publisher.publish(CHANNEL, JSON.stringify(event));
  }

  subscribe(listener: (event: InboxEvent) => void): () => void {
    return this.#local.subscribe(listener);
  }

  async close(): Promise<void> {
    await this.#local.close();
    this.#subscriber.disconnect();
  }
}
