// TtlCache against the in-memory caches a user would otherwise pick: raw lru-cache for `get`, BentoCache and
// cache-manager for `wrap` (get-or-compute) hits.
import { TtlCache } from "@toktok/cache";
import { BentoCache, bentostore } from "bentocache";
import { memoryDriver } from "bentocache/drivers/memory";
import { createCache } from "cache-manager";
import { LRUCache } from "lru-cache";
import type { BenchSuite } from "../harness.ts";

const KEYS = 1_000;
const keys = Array.from({ length: KEYS }, (_, i) => `user:${i}`);
const value = { id: 1, name: "Mireille", role: "client" };

const suite: BenchSuite = {
  name: "cache: TtlCache",
  async run(h) {
    // Same capacity and TTL on both sides; every read is a hit.
    const ours = new TtlCache<typeof value>({ ttl: 60_000, max: 10_000 });
    const raw = new LRUCache<string, typeof value>({ ttl: 60_000, max: 10_000 });
    for (const k of keys) {
      ours.set(k, value);
      raw.set(k, value);
    }
    let sink = 0;
    await h.compare({
      title: "get hit (1 000 reads per call)",
      ours: {
        name: "TtlCache.get",
        opsPerCall: KEYS,
        fn: () => {
          for (let i = 0; i < KEYS; i++) if (ours.get(keys[i] as string) !== undefined) sink++;
        },
      },
      peers: [
        {
          name: "lru-cache get",
          opsPerCall: KEYS,
          fn: () => {
            for (let i = 0; i < KEYS; i++) if (raw.get(keys[i] as string) !== undefined) sink++;
          },
        },
      ],
      targets: { "lru-cache get": 0.8 },
    });

    const bento = new BentoCache({
      default: "memory",
      stores: { memory: bentostore().useL1Layer(memoryDriver({ maxItems: 10_000 })) },
    });
    const manager = createCache({ ttl: 60_000 });
    const factory = async () => value;
    for (const k of keys) {
      await ours.wrap(k, factory);
      await bento.getOrSet({ key: k, factory, ttl: "1m" });
      await manager.wrap(k, factory, 60_000);
    }
    let i = 0;
    const next = () => keys[i++ % KEYS] as string;
    await h.compare({
      title: "wrap hit (get-or-compute on a cached key)",
      ours: { name: "TtlCache.wrap", fn: () => ours.wrap(next(), factory) },
      peers: [
        { name: "BentoCache getOrSet", fn: () => bento.getOrSet({ key: next(), factory, ttl: "1m" }) },
        { name: "cache-manager wrap", fn: () => manager.wrap(next(), factory, 60_000) },
      ],
      targets: { "BentoCache getOrSet": 1, "cache-manager wrap": 1 },
    });
    await bento.disconnectAll();
    await manager.disconnect();
    if (sink < 0) throw new Error("unreachable");
  },
};

export default suite;
