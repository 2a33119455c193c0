// A private Redis Cluster for integration tests: three masters (no replicas) of our own
// redis-server processes on free loopback ports, joined with `redis-cli --cluster create`.
// The shared Redis on 6379 is never touched; teardown kills our processes by pid and removes
// the temporary directory holding their nodes-<port>.conf files.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { freePort, waitForPort } from "./ports.mjs";

const run = promisify(execFile);

/** A running cluster of our own. */
export interface TestRedisCluster {
  /** `{ host, port }` of each master, the startup nodes of an ioredis `Cluster`. */
  readonly nodes: Array<{ host: string; port: number }>;
  /** The same as `host:port,host:port,…`, the format of `REDIS_CLUSTER_NODES`. */
  readonly nodesEnv: string;
  /** The temporary directory of the nodes' cluster config files. */
  readonly dir: string;
  /** Kills every node (SIGKILL) and removes the temporary directory. Safe to call twice. */
  close(): Promise<void>;
}

/** Options of {@link startRedisCluster}. */
export interface RedisClusterOptions {
  /** How many masters. Default 3 (the least `redis-cli --cluster create` accepts). */
  masters?: number;
  /** Longest wait for `cluster_state:ok`, in ms. Default 20 000. */
  timeoutMs?: number;
}

/** The binaries a cluster needs, from PATH or `REDIS_SERVER_BIN` / `REDIS_CLI_BIN`. */
export function clusterBinaries(): { server: string; cli: string } {
  return { server: process.env.REDIS_SERVER_BIN ?? "redis-server", cli: process.env.REDIS_CLI_BIN ?? "redis-cli" };
}

/**
 * True when redis-server and redis-cli can be run. Integration tests skip with a loud message
 * when they cannot — except under `CI=true`, where a missing binary must fail the run.
 */
export async function clusterBinariesAvailable(): Promise<boolean> {
  const { server, cli } = clusterBinaries();
  try {
    await run(server, ["--version"]);
    await run(cli, ["--version"]);
    return true;
  } catch {
    if (process.env.CI === "true") {
      throw new Error(`Redis Cluster tests need ${server} and ${cli} on PATH (CI=true: not skipping)`);
    }
    console.warn(`\n  ⚠ ${server} / ${cli} not found: Redis Cluster integration tests are SKIPPED\n`);
    return false;
  }
}

async function clusterInfo(cli: string, port: number): Promise<string> {
  const { stdout } = await run(cli, ["-h", "127.0.0.1", "-p", String(port), "cluster", "info"]);
  return stdout;
}

/**
 * Starts a cluster of `masters` redis-server processes (`--cluster-enabled yes`, no persistence),
 * assigns all 16 384 slots with `redis-cli --cluster create … --cluster-replicas 0`, and waits
 * until every node reports `cluster_state:ok`.
 * @example
 * const cluster = await startRedisCluster();
 * const redis = new Cluster(cluster.nodes);
 * // … afterAll: await redis.quit(); await cluster.close();
 */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<TestRedisCluster> {
  const masters = options.masters ?? 3;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const { server, cli } = clusterBinaries();
  const dir = await mkdtemp(join(tmpdir(), "toktok-redis-cluster-"));
  const children: ChildProcess[] = [];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, "exit");
        child.kill("SIGKILL");
        await exited;
      }),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const ports: number[] = [];
    while (ports.length < masters) {
      const port = await freePort();
      // The cluster bus listens on port + 10000: both must be free, and distinct from the others'.
      if (port > 55_000 || ports.includes(port)) continue;
      ports.push(port);
    }
    for (const port of ports) {
      const child = spawn(
        server,
        [
          "--port",
          String(port),
          "--bind",
          "127.0.0.1",
          "--cluster-enabled",
          "yes",
          "--cluster-config-file",
          join(dir, `nodes-${port}.conf`),
          "--cluster-node-timeout",
          "5000",
          "--dir",
          dir,
          "--save",
          "",
          "--appendonly",
          "no",
        ],
        { stdio: "ignore" },
      );
      child.on("error", () => {}); // reported by waitForPort's timeout
      children.push(child);
    }
    await Promise.all(ports.map((port) => waitForPort(port, 10_000)));
    await run(cli, [
      "--cluster",
      "create",
      ...ports.map((p) => `127.0.0.1:${p}`),
      "--cluster-replicas",
      "0",
      "--cluster-yes",
    ]);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const states = await Promise.all(ports.map((p) => clusterInfo(cli, p).catch(() => "")));
      if (states.every((s) => s.includes("cluster_state:ok"))) break;
      if (Date.now() > deadline) throw new Error(`Redis Cluster on ${ports.join(", ")} not ok after ${timeoutMs} ms`);
      await sleep(50);
    }
    const nodes = ports.map((port) => ({ host: "127.0.0.1", port }));
    return { nodes, nodesEnv: nodes.map((n) => `${n.host}:${n.port}`).join(","), dir, close };
  } catch (error) {
    await close();
    throw error;
  }
}
