// Where the operator's offers wait to be sent: with Redis, a BullMQ queue of their own and the offers on
// Redis (a restart or another process picks up the rest); alone, in memory on the bot's clock.
import { type JobQueue, MemoryJobQueue, type TimerClock } from "@toktok/flows";
import type { Logger } from "@toktok-example/shared";
import type { Cluster, Redis } from "ioredis";
import { MemoryPromotionStore, type PromotionStore, RedisPromotionStore } from "./promotion-store.ts";
import { redisOptionsFromUrl } from "./redis.ts";

/** The queue and the store of the offers' jobs. */
export async function promotionJobs(options: {
  redis?: Redis | Cluster | undefined;
  redisUrl?: string | undefined;
  clock: TimerClock;
  logger: Logger;
}): Promise<{ jobs: JobQueue; store: PromotionStore }> {
  const { redis } = options;
  if (!redis) return { jobs: new MemoryJobQueue({ clock: options.clock }), store: new MemoryPromotionStore() };
  const jobs = new (await import("@toktok/flows/bullmq")).BullMqJobQueue({
    name: "toktok-promotions",
    // As the dispatch timers: a cluster needs the instance and a hash-tag prefix.
    ...(redis.isCluster || !options.redisUrl
      ? { connection: redis, prefix: "{toktok}" }
      : { connection: redisOptionsFromUrl(options.redisUrl) }),
    logger: options.logger,
  });
  return { jobs, store: new RedisPromotionStore(redis) };
}
