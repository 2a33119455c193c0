import pg from "pg";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "../../../../../scripts/faults/tcp-proxy.js";
import { describeWithPostgres, services } from "../../../../../scripts/integration.js";
import { Analytics } from "../../analytics.js";
import { AnalyticsStoreUnavailableError } from "../../errors.js";
import type { Logger } from "../../logger.js";
import { PostgresStore } from "./postgres-store.js";

// Fault injection: PostgresStore behind a TCP proxy (scripts/faults/tcp-proxy.ts)
// that cuts, refuses, holds or mutes its connections. The shared PostgreSQL is
// never stopped. An unheard 'error' event would fail the run as an unhandled error.

const base = `toktok_analytics_faults_${process.pid}_${Date.now()}`;
const url = services().databaseUrl;
const schemas: string[] = [];
const fast = { retry: { baseDelayMs: 50, maxDelayMs: 300 }, connectTimeoutMs: 500 };

interface Line {
  level: keyof Logger;
  message: string;
  meta: Record<string, unknown> | undefined;
}

function recorder(): Logger & { lines: Line[]; count(level: keyof Logger, text: string): number } {
  const lines: Line[] = [];
  const at = (level: keyof Logger) => (message: string, meta?: Record<string, unknown>) => {
    lines.push({ level, message, meta });
  };
  return {
    lines,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    count: (level, text) => lines.filter((l) => l.level === level && l.message.includes(text)).length,
  };
}

describeWithPostgres("PostgresStore when PostgreSQL goes away", () => {
  const direct = new pg.Pool({ connectionString: url, max: 2 });
  let proxy: TcpProxy;
  const pools: pg.Pool[] = [];
  const target = new URL(url);

  /** A fresh schema name for one test, dropped at the end. */
  const schemaFor = (name: string) => {
    const s = `${base}_${name}`;
    schemas.push(s);
    return s;
  };
  /** A pg.Pool of the test's own, through the proxy. */
  const proxiedPool = () => {
    const pool = new pg.Pool({ connectionString: proxy.url(url), max: 4 });
    pools.push(pool);
    return pool;
  };
  const typesInOrder = async (schema: string) =>
    (await direct.query<{ a: string }>(`SELECT a FROM "${schema}".events ORDER BY id`)).rows.map((r) => r.a);

  beforeAll(async () => {
    proxy = await startTcpProxy({ target: { host: target.hostname, port: Number(target.port || 5432) } });
  });
  afterEach(() => {
    // The test's store is closed and no longer listens to its pool: the next test's cut() must not crash on it.
    for (const p of pools) if (p.listenerCount("error") === 0) p.on("error", () => {});
  });
  afterAll(async () => {
    await proxy.close(); // first: a held connection would keep a pool's end() waiting
    for (const p of pools) await p.end().catch(() => {});
    for (const s of schemas) await direct.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await direct.end();
  });

  it("(a) survives every connection being cut while idle, and the next event lands", async () => {
    const schema = schemaFor("a");
    const logger = recorder();
    // connectionString: the store creates the pg.Pool itself and must listen to its 'error' event.
    const store = new PostgresStore({ connectionString: proxy.url(url), schema, logger, ...fast });
    const a = new Analytics({ store });
    a.trackMessage("u1", "first");
    await a.sync();
    await a.getSummary(); // a second pooled connection, idle too
    expect(proxy.connections).toBeGreaterThan(0);

    proxy.cut();
    // Logged (a warn, then debug lines while the probe it started runs), not fatal.
    await expect.poll(() => logger.count("warn", "idle PostgreSQL connection was closed")).toBeGreaterThan(0);
    a.trackMessage("u1", "second");
    await a.sync();
    expect(await typesInOrder(schema)).toEqual(["first", "second"]);
    expect(a.health().status).toBe("ok");
    // The probe that followed the lost connection found the server: no outage was reported.
    expect(logger.count("warn", "unavailable")).toBe(0);
    expect(JSON.stringify(logger.lines)).not.toContain(proxy.url(url));
    await a.close();
  });

  it("(b) keeps 1,000 events tracked during an outage and writes each once, in order, when it ends", async () => {
    const schema = schemaFor("b");
    const logger = recorder();
    const store = new PostgresStore({ pool: proxiedPool(), schema, logger, batchSize: 100, ...fast });
    const a = new Analytics({ store, bufferSize: 50, flushIntervalMs: 50 });
    await store.migrate();

    proxy.cut();
    proxy.pause(); // refused: like a server that is down
    const started = Date.now();
    for (let i = 0; i < 1000; i++) {
      a.trackMessage(`u${i % 7}`, `t${i}`); // tracking stays synchronous and never throws
      if (i % 100 === 99) await new Promise((r) => setTimeout(r, 200));
    }
    const trackedMs = Date.now() - started;

    const readStarted = Date.now();
    const error = await a.getSummary().catch((e: unknown) => e);
    expect(AnalyticsStoreUnavailableError.isInstance(error)).toBe(true);
    expect((error as AnalyticsStoreUnavailableError).retryable).toBe(true);
    expect(Date.now() - readStarted).toBeLessThan(2000);

    const down = a.health();
    expect(down).toMatchObject({ status: "down", buffered: 1000, dropped: 0 });
    expect(down.flushFailures).toBeGreaterThan(0);
    expect(down.lastError).toMatch(/AnalyticsStoreUnavailableError|Error/);
    expect(await a.metrics()).toContain("toktok_analytics_store_up 0");

    proxy.resume();
    // No sync(), no restart: the store's own retry writes the backlog.
    await expect.poll(async () => (await typesInOrder(schema)).length, { timeout: 10_000 }).toBe(1000);
    expect(await typesInOrder(schema)).toEqual(Array.from({ length: 1000 }, (_, i) => `t${i}`));
    expect(a.health()).toMatchObject({ status: "ok", buffered: 0, dropped: 0 });
    expect(await a.metrics()).toContain("toktok_analytics_store_up 1");
    // One line when it went down, one when it came back — not one per retry.
    expect(logger.count("warn", "PostgreSQL is unavailable")).toBe(1);
    expect(logger.count("info", "reachable again")).toBe(1);
    expect(trackedMs).toBeGreaterThan(1500); // the outage lasted the whole tracking
    await a.close();
  });

  it("(c) counts exactly the events dropped by a full buffer, in health() and in the metrics", async () => {
    const schema = schemaFor("c");
    const logger = recorder();
    const store = new PostgresStore({
      pool: proxiedPool(),
      schema,
      logger,
      batchSize: 100,
      maxBufferedEvents: 300,
      ...fast,
    });
    const a = new Analytics({ store, bufferSize: 64 });
    await store.migrate();
    proxy.cut();
    proxy.pause();
    for (let i = 0; i < 1000; i++) a.trackMessage("u", `t${i}`);
    await a.sync().catch(() => {});

    expect(a.health()).toMatchObject({ status: "down", buffered: 300, dropped: 700 });
    const text = await a.metrics();
    expect(text).toContain("toktok_analytics_events_dropped_total 700");
    expect(text).toContain("toktok_analytics_events_buffered 300");
    expect(text).toMatch(/toktok_analytics_flush_failures_total [1-9]/);
    expect(logger.count("warn", "buffer full")).toBe(1);

    proxy.resume();
    await expect.poll(async () => (await typesInOrder(schema)).length, { timeout: 10_000 }).toBe(300);
    // The oldest 300 are kept: an unbroken run from the start of the outage.
    expect(await typesInOrder(schema)).toEqual(Array.from({ length: 300 }, (_, i) => `t${i}`));
    expect(a.health()).toMatchObject({ status: "ok", buffered: 0, dropped: 700 });
    await a.close();
  });

  it("(d) does not insert a batch twice when its commit succeeded but the reply was lost", async () => {
    const schema = schemaFor("d");
    const logger = recorder();
    const store = new PostgresStore({ pool: proxiedPool(), schema, batchSize: 100, logger, ...fast });
    const a = new Analytics({ store });
    await store.migrate();
    a.trackMessage("u", "warm-up");
    await a.sync();

    proxy.mute(); // statements reach PostgreSQL, their answers never come back
    for (let i = 0; i < 250; i++) a.trackMessage("u", `t${i}`);
    const pending = a.sync().catch((e: unknown) => e);
    // The first batch (100 events) is committed server-side while the client still waits for the reply.
    await expect.poll(async () => (await typesInOrder(schema)).length, { timeout: 5_000 }).toBe(101);
    proxy.mute(false);
    proxy.cut(); // the connection dies after commit, before the reply
    // Either this sync's own attempt or a background retry writes the rest; the first batch is sent again either way.
    await pending;
    await expect.poll(() => a.health().buffered, { timeout: 10_000 }).toBe(0);
    expect(a.health().flushFailures).toBeGreaterThan(0);
    expect(await typesInOrder(schema)).toEqual(["warm-up", ...Array.from({ length: 250 }, (_, i) => `t${i}`)]);
    // The first batch was sent again and skipped by the guard (ingest_writers), not silently forgotten.
    expect(logger.count("debug", "already been written")).toBe(1);
    await a.close();
  });

  it("(e) abandons a write PostgreSQL does not answer after writeTimeoutMs, and the retry inserts nothing twice", async () => {
    const schema = schemaFor("e");
    const logger = recorder();
    const store = new PostgresStore({ pool: proxiedPool(), schema, writeTimeoutMs: 800, logger, ...fast });
    const a = new Analytics({ store });
    await store.migrate();
    a.trackMessage("u", "warm-up");
    await a.sync();

    proxy.mute();
    for (let i = 0; i < 10; i++) a.trackMessage("u", `t${i}`);
    const pending = a.sync().catch((e: unknown) => e);
    await expect.poll(async () => (await typesInOrder(schema)).length, { timeout: 5_000 }).toBe(11);
    proxy.mute(false); // answers flow again, but that one is lost: only the timeout ends the wait
    const error = await pending;
    expect(AnalyticsStoreUnavailableError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("did not answer within 800 ms");

    await expect.poll(() => a.health(), { timeout: 10_000 }).toMatchObject({ status: "ok", buffered: 0 });
    expect(await typesInOrder(schema)).toEqual(["warm-up", ...Array.from({ length: 10 }, (_, i) => `t${i}`)]);
    expect(logger.count("debug", "already been written")).toBe(1);
    await a.close();
  });

  it("(f) rejects reads within connectTimeoutMs while new connections hang, then recovers", async () => {
    const schema = schemaFor("f");
    const pool = proxiedPool();
    const store = new PostgresStore({ pool, schema, ...fast });
    const a = new Analytics({ store });
    a.trackMessage("u", "before");
    await a.sync();

    proxy.cut();
    proxy.pause("hold"); // connections open at TCP level and nothing answers, like a blackholed network
    await expect.poll(() => pool.idleCount).toBe(0); // the pool has dropped its dead connections
    const started = Date.now();
    const error = await a.getTopErrors(5).catch((e: unknown) => e);
    const waited = Date.now() - started;
    expect(AnalyticsStoreUnavailableError.isInstance(error)).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(450);
    expect(waited).toBeLessThan(2000);
    expect(a.health().status).toBe("down");

    proxy.resume();
    await expect.poll(() => a.health().status, { timeout: 10_000 }).toBe("ok");
    expect((await a.getSummary()).messages.total).toBe(1);
    await a.close();
  });

  it("(g) closes during an outage: stops retrying, counts and logs what was never written, rethrows", async () => {
    const schema = schemaFor("g");
    const logger = recorder();
    const store = new PostgresStore({ pool: proxiedPool(), schema, logger, ...fast });
    const a = new Analytics({ store });
    await store.migrate();
    proxy.cut();
    proxy.pause();
    for (let i = 0; i < 10; i++) a.trackMessage("u", `t${i}`);
    const error = await a.close().catch((e: unknown) => e);
    expect(AnalyticsStoreUnavailableError.isInstance(error)).toBe(true);
    expect(store.health()).toMatchObject({ buffered: 0, dropped: 10 });
    expect(logger.count("error", "never received")).toBe(1);
    expect(() => a.trackMessage("u", "late")).toThrow(/closed/);
    proxy.resume();
  });
});
