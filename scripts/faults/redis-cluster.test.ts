import { existsSync } from "node:fs";
import { connect } from "node:net";
import { Cluster } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { clusterBinariesAvailable, startRedisCluster, type TestRedisCluster } from "./redis-cluster.ts";

const available = await clusterBinariesAvailable();

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

describe.skipIf(!available)("startRedisCluster", () => {
  let cluster: TestRedisCluster | undefined;
  afterAll(() => cluster?.close());

  it("runs three masters of our own sharing all 16 384 slots, and tears them down", async () => {
    cluster = await startRedisCluster();
    expect(cluster.nodes).toHaveLength(3);
    expect(cluster.nodes.map((n) => n.port)).not.toContain(6379);
    expect(cluster.nodesEnv.split(",")).toHaveLength(3);
    expect(existsSync(cluster.dir)).toBe(true);
    const client = new Cluster(cluster.nodes);
    try {
      const slots = (await client.cluster("SLOTS")) as Array<[number, number, ...unknown[]]>;
      expect(slots.reduce((sum, [from, to]) => sum + (to - from + 1), 0)).toBe(16_384);
      expect(client.nodes("master")).toHaveLength(3);
      // Keys of many slots land on every master.
      for (let i = 0; i < 60; i++) await client.set(`k${i}`, String(i));
      const sizes = await Promise.all(client.nodes("master").map((node) => node.dbsize()));
      expect(sizes.every((n) => n > 0)).toBe(true);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(60);
    } finally {
      await client.quit();
    }
    await cluster.close();
    expect(existsSync(cluster.dir)).toBe(false);
    for (const node of cluster.nodes) expect(await listening(node.port)).toBe(false);
    // Starting three redis-server processes and meeting them takes seconds on a loaded machine.
  }, 30_000);
});
