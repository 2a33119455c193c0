import { z } from "zod";
import { clusterNodes, optional, port, url } from "./env.ts";

// The variable groups every example server reads the same way, to spread into an app's `z.object`:
// one place says how an app listens and how it finds Redis, so the apps cannot drift apart.

/** `PORT` (default `defaultPort`) and `HOST` (default `0.0.0.0`, every interface). */
export const listenVariables = (defaultPort: number) => ({
  PORT: port("PORT", defaultPort),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
});

/**
 * `REDIS_URL` (`redis:` or `rediss:`) and `REDIS_CLUSTER_NODES`, a Redis Cluster instead of one server
 * (`host:port,host:port`, a few of its masters; the rest is discovered). With both set, REDIS_URL's user
 * name, password and TLS apply to every node. Both optional: without them an app keeps its state in memory.
 */
export const redisVariables = {
  REDIS_URL: optional(url("REDIS_URL", ["redis:", "rediss:"])),
  REDIS_CLUSTER_NODES: optional(clusterNodes("REDIS_CLUSTER_NODES")),
};
