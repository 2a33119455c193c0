// A private redis-server for fault-injection tests: started on a free loopback port,
// killed and restarted on the same port at will. The shared Redis on 6379 is never touched.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort, waitForPort } from "./ports.mjs";

export { freePort };

/** A redis-server of our own that a test can stop and start again. */
export interface FaultyRedis {
  readonly port: number;
  readonly url: string;
  /** True while the server runs. */
  readonly running: boolean;
  /** Kills the server at once (SIGKILL: no goodbye to the clients). Its data is gone, unless `persist`. */
  kill(): Promise<void>;
  /** Starts it again on the same port and waits until it accepts connections. */
  start(): Promise<void>;
  /** Kills it, waits `ms`, starts it again. */
  outage(ms: number): Promise<void>;
  /** Stops it for good (use in afterAll). */
  close(): Promise<void>;
}

/** Options of {@link startFaultyRedis}. */
export interface FaultyRedisOptions {
  /** Port to listen on. Default: a free one. */
  port?: number;
  /**
   * Keep the data across `kill()` and `start()`, as a durable deployment does: an append-only
   * file in `dir` (which must exist), fsynced before each reply, so every write a client saw
   * acknowledged survives the SIGKILL. Default: no persistence, a restarted server is empty.
   */
  persist?: { dir: string };
}

/**
 * Starts `redis-server` (from PATH, or `REDIS_SERVER_BIN`) on a free port, without persistence
 * unless `persist` is given.
 * @example
 * const redis = await startFaultyRedis();
 * await redis.outage(4_000); // the clients see the connection drop and come back
 */
export async function startFaultyRedis(options: FaultyRedisOptions = {}): Promise<FaultyRedis> {
  const port = options.port ?? (await freePort());
  const bin = process.env.REDIS_SERVER_BIN ?? "redis-server";
  const persistence = options.persist
    ? ["--appendonly", "yes", "--appendfsync", "always", "--dir", options.persist.dir]
    : ["--appendonly", "no"];
  let child: ChildProcess | undefined;

  const start = async () => {
    if (child) return;
    const proc = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", ...persistence], {
      stdio: "ignore",
    });
    proc.once("exit", () => {
      if (child === proc) child = undefined;
    });
    child = proc;
    await waitForPort(port, 10_000);
  };
  const kill = async () => {
    const proc = child;
    if (!proc) return;
    child = undefined;
    const exited = once(proc, "exit");
    proc.kill("SIGKILL");
    await exited;
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== undefined;
    },
    kill,
    start,
    async outage(ms: number) {
      await kill();
      await sleep(ms);
      await start();
    },
    close: kill,
  };
}
