import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithPostgres, services } from "../../../../../scripts/integration.js";
import { Analytics } from "../../analytics.js";
import { NOW } from "../../testing/scripted-data.js";
import { PostgresStore } from "./postgres-store.js";

// The funnel paths maintained at ingest (funnel-paths-sql.ts) must give the memory
// store's funnel whatever the order and grouping of the INSERTs, and follow
// deletes, updates and truncations of the event log.

const schema = `toktok_analytics_fp_${process.pid}_${Date.now()}`;
const url = services().databaseUrl;
/** Not in name order: step codes follow names, so events sharing a time are stored out of funnel order. */
const STEPS = ["s3", "s1", "s0", "s2"];
const MINUTE = 60_000;

interface Ev {
  user: number;
  step: number;
  minute: number;
  batch: number;
}

const event = fc.record({
  user: fc.integer({ min: 0, max: 3 }),
  step: fc.integer({ min: 0, max: 4 }), // 4 = a step the funnel does not ask about
  minute: fc.integer({ min: 0, max: 30 }), // few distinct minutes: many ties
  batch: fc.integer({ min: 0, max: 3 }),
});

describeWithPostgres("PostgresStore funnel paths", () => {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const clock = { now: NOW };
  const store = new PostgresStore({ pool, schema });
  const db = new Analytics({ now: () => clock.now, store });

  beforeAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
  afterAll(async () => {
    await db.close();
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  /** Writes `events` for `flow`, one INSERT statement per batch number, batches in the given order. */
  async function write(a: Analytics, c: { now: number }, flow: string, events: readonly Ev[], order: number[]) {
    for (const batch of order) {
      for (const e of events.filter((x) => x.batch === batch)) {
        c.now = NOW + e.minute * MINUTE;
        a.trackFunnelStep(`u${e.user}`, flow, e.step === 4 ? "other" : (STEPS[e.step] as string));
      }
      await a.sync();
    }
  }

  const funnel = (a: Analytics, flow: string, window: number, fromMinute: number, toMinute: number) =>
    a.getFunnel(flow, { steps: STEPS, window, from: NOW + fromMinute * MINUTE, to: NOW + toMinute * MINUTE });

  it("matches the memory store for events inserted out of order, in several statements, with ties", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 40 }),
        fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 15 }),
        async (events, order, windowMinutes, fromMinute) => {
          const flow = `flow${run++}`;
          const memClock = { now: NOW };
          const mem = new Analytics({ now: () => memClock.now });
          await write(mem, memClock, flow, events, order);
          await write(db, clock, flow, events, order);
          for (const [from, to] of [
            [0, 31],
            [fromMinute, fromMinute + 10],
          ] as const) {
            const expected = await funnel(mem, flow, windowMinutes * MINUTE, from, to);
            expect(await funnel(db, flow, windowMinutes * MINUTE, from, to)).toEqual(expected);
          }
          await mem.close();
        },
      ),
      { numRuns: 40 },
    );
  });

  it("stays exact when two processes write the same users' steps at the same time", async () => {
    const memClock = { now: NOW };
    const mem = new Analytics({ now: () => memClock.now });
    const writers = [0, 1].map(() => {
      const c = { now: NOW };
      const poolN = new pg.Pool({ connectionString: url, max: 2 });
      return { c, poolN, a: new Analytics({ now: () => c.now, store: new PostgresStore({ pool: poolN, schema }) }) };
    });
    // Writer w tracks step (i + w) % 4 of user i % 7 at minute i; both flush every few events, concurrently.
    await Promise.all(
      writers.map(async ({ a, c }, w) => {
        for (let i = 0; i < 120; i++) {
          c.now = memClock.now = NOW + (i + w) * MINUTE;
          const step = STEPS[(i + w) % 4] as string;
          a.trackFunnelStep(`u${i % 7}`, "shared", step);
          mem.trackFunnelStep(`u${i % 7}`, "shared", step);
          if (i % 5 === w) await a.sync();
        }
        await a.sync();
      }),
    );
    for (const window of [5 * MINUTE, 60 * MINUTE]) {
      const expected = await funnel(mem, "shared", window, 0, 121);
      expect(expected.steps[window > 5 * MINUTE ? 3 : 1]?.users).toBeGreaterThan(0);
      expect(await funnel(db, "shared", window, 0, 121)).toEqual(expected);
    }
    for (const { a, poolN } of writers) {
      await a.close();
      await poolN.end();
    }
    await mem.close();
  });

  it("follows deletes, updates and truncation of the event log", async () => {
    const events: Ev[] = [
      { user: 0, step: 0, minute: 1, batch: 0 },
      { user: 0, step: 1, minute: 2, batch: 0 },
      { user: 1, step: 0, minute: 3, batch: 0 },
      { user: 1, step: 1, minute: 4, batch: 0 },
    ];
    await write(db, clock, "edit", events, [0]);
    const users = async () => (await funnel(db, "edit", 60 * MINUTE, 0, 60)).steps.map((s) => s.users);
    expect(await users()).toEqual([2, 2, 0, 0]);
    await pool.query(`DELETE FROM "${schema}".events WHERE a = 'edit' AND user_id = 'u0' AND b = 's1'`);
    expect(await users()).toEqual([2, 1, 0, 0]);
    await pool.query(`UPDATE "${schema}".events SET b = 's2' WHERE a = 'edit' AND user_id = 'u0'`);
    expect(await users()).toEqual([1, 1, 0, 0]);
    await pool.query(`UPDATE "${schema}".events SET at = at - interval '10 minutes' WHERE a = 'edit' AND b = 's1'`);
    expect(await users()).toEqual([1, 0, 0, 0]);
    await pool.query(`TRUNCATE "${schema}".events`);
    expect(await users()).toEqual([0, 0, 0, 0]);
  });

  it("builds the paths of events written before the migration that introduced them", async () => {
    await write(db, clock, "old", [{ user: 0, step: 0, minute: 1, batch: 0 }], [0]);
    await write(db, clock, "old", [{ user: 0, step: 1, minute: 2, batch: 0 }], [0]);
    // Back to schema version 3, as an existing installation upgrading would be.
    await pool.query(
      `DROP TABLE "${schema}".funnel_paths, "${schema}".funnel_steps;
       DROP FUNCTION "${schema}".funnel_paths_insert, "${schema}".funnel_paths_delete, "${schema}".funnel_paths_update,
         "${schema}".funnel_paths_truncate, "${schema}".funnel_paths_rebuild, "${schema}".funnel_merge,
         "${schema}".funnel_path CASCADE;
       DELETE FROM "${schema}".analytics_migrations WHERE version = 4;`,
    );
    const upgraded = new Analytics({ now: () => clock.now, store: new PostgresStore({ pool, schema }) });
    expect((await funnel(upgraded, "old", 60 * MINUTE, 0, 60)).steps.map((s) => s.users)).toEqual([1, 1, 0, 0]);
    await upgraded.close();
  });
});
