// Structural views of an ioredis client: the package never imports ioredis, so users who only need the in-memory
// parts never install it. Any client with a compatible `call` works (ioredis 5/6 `Redis`, or `Cluster`).

/** The one method the package needs on a Redis connection: ioredis' generic `call(command, args)`. */
export interface RedisClientLike {
  call(command: string, args: Array<string | number>): Promise<unknown>;
  /** ioredis' socket, when the client has one; `RedisStore` corks it to send a tick's checks in one write. */
  readonly stream?: { cork(): void; uncork(): void } | null;
}

/**
 * What a Redis Cluster client offers beyond `call` (ioredis `Cluster`): its master nodes, each a client of one node.
 * Commands without a key (SCAN) go to one node only, so whole-keyspace work visits every master itself.
 */
export interface RedisClusterLike extends RedisClientLike {
  /** `true` on an ioredis `Cluster` (and `false` on a single-node `Redis`). */
  readonly isCluster: boolean;
  nodes(role: "master"): RedisClientLike[];
}

/** True when `client` is a Redis Cluster client (ioredis `Cluster` sets `isCluster`). */
export function isClusterClient(client: RedisClientLike): client is RedisClusterLike {
  const c = client as Partial<RedisClusterLike>;
  return c.isCluster === true && typeof c.nodes === "function";
}

/** A connection able to subscribe (ioredis `Redis`); `TieredCache` uses one for invalidations. */
export interface RedisSubscriberLike {
  subscribe(...channels: string[]): Promise<unknown>;
  unsubscribe(...channels: string[]): Promise<unknown>;
  on(event: "message" | "ready", listener: (...args: string[]) => void): unknown;
  removeListener(event: "message" | "ready", listener: (...args: string[]) => void): unknown;
  quit(): Promise<unknown>;
}

/** A client that can open a second connection for pub/sub (ioredis `Redis.duplicate()`). */
export interface RedisDuplicableLike extends RedisClientLike {
  duplicate(): RedisSubscriberLike;
}
