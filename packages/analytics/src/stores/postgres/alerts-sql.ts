import { randomUUID } from "node:crypto";
import type { AlertQuery, AlertRecord, AlertState, AlertStateStore } from "../../alerts/state.js";
import type { PgQueryable } from "./pg-types.js";
import { epochMs, msParam, ts } from "./sql-time.js";

/** Migration 7: one row per firing; the partial unique index lets one firing per rule be open at a time. */
export const alertRecordsMigration = (s: string): string => `
  CREATE TABLE ${s}.alert_records (
    id uuid PRIMARY KEY,
    rule text COLLATE "C" NOT NULL,
    state text NOT NULL CHECK (state IN ('active', 'acknowledged', 'resolved')),
    alert jsonb NOT NULL,
    fired_at timestamptz NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by text,
    resolved_at timestamptz
  );
  CREATE UNIQUE INDEX alert_records_open_idx ON ${s}.alert_records (rule) WHERE state <> 'resolved';
  CREATE INDEX alert_records_fired_idx ON ${s}.alert_records (fired_at);`;

interface Row {
  id: string;
  rule: string;
  state: AlertState;
  alert: AlertRecord["alert"];
  fired: number;
  acked: number | null;
  acked_by: string | null;
  resolved: number | null;
}

const COLUMNS = `id::text, rule, state, alert, ${epochMs("fired_at")} AS fired, ${epochMs("acknowledged_at")} AS acked,
  acknowledged_by AS acked_by, ${epochMs("resolved_at")} AS resolved`;

const iso = (ms: number) => new Date(ms).toISOString();

function toRecord(r: Row): AlertRecord {
  return {
    id: r.id,
    rule: r.rule,
    state: r.state,
    alert: r.alert,
    firedAt: iso(r.fired),
    ...(r.acked === null ? {} : { acknowledgedAt: iso(r.acked) }),
    ...(r.acked_by === null ? {} : { acknowledgedBy: r.acked_by }),
    ...(r.resolved === null ? {} : { resolvedAt: iso(r.resolved) }),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Alert records in PostgreSQL: each transition is one statement (an insert that
 * the partial unique index turns into a no-op when the rule is already open, an
 * update guarded by the state), so concurrent processes cannot both win it.
 * `run` is the store's query runner (migrations, connection handling, errors).
 */
export function pgAlertStates(
  run: <T>(operation: string, fn: (db: PgQueryable) => Promise<T>) => Promise<T>,
  s: string,
): AlertStateStore {
  const one = (operation: string, sql: string, params: unknown[]) =>
    run(operation, async (db) => {
      const res = await db.query<Row>(sql, params);
      const row = res.rows[0];
      return row === undefined ? null : toRecord(row);
    });
  return {
    fire: (alert, at) =>
      one(
        "open alert",
        `INSERT INTO ${s}.alert_records (id, rule, state, alert, fired_at) VALUES ($1::uuid, $2, 'active', $3::jsonb, ${ts(4)})
         ON CONFLICT (rule) WHERE state <> 'resolved' DO NOTHING RETURNING ${COLUMNS}`,
        [randomUUID(), alert.rule, JSON.stringify(alert), msParam(at)],
      ),
    resolve: (rule, at) =>
      one(
        "resolve alert",
        `UPDATE ${s}.alert_records SET state = 'resolved', resolved_at = ${ts(2)}
         WHERE rule = $1 AND state <> 'resolved' RETURNING ${COLUMNS}`,
        [rule, msParam(at)],
      ),
    acknowledge: async (id, at, by) => {
      if (!UUID.test(id)) return null;
      return run("acknowledge alert", async (db) => {
        const updated = await db.query<Row>(
          `UPDATE ${s}.alert_records SET state = 'acknowledged', acknowledged_at = ${ts(2)}, acknowledged_by = $3
           WHERE id = $1::uuid AND state = 'active' RETURNING ${COLUMNS}`,
          [id, msParam(at), by ?? null],
        );
        // Already acknowledged or resolved: the record as it is.
        const row =
          updated.rows[0] ??
          (await db.query<Row>(`SELECT ${COLUMNS} FROM ${s}.alert_records WHERE id = $1::uuid`, [id])).rows[0];
        return row === undefined ? null : toRecord(row);
      });
    },
    list: (query: AlertQuery = {}) =>
      run("list alerts", async (db) => {
        const res = await db.query<Row>(
          `SELECT ${COLUMNS} FROM ${s}.alert_records
           WHERE ($1::float8 IS NULL OR fired_at < ${ts(1)}) AND ($2::float8 IS NULL OR resolved_at IS NULL OR resolved_at >= ${ts(2)})
             AND ($3::text[] IS NULL OR state = ANY($3::text[]))
           ORDER BY fired_at DESC, id`,
          [
            query.to === undefined ? null : msParam(query.to),
            query.from === undefined ? null : msParam(query.from),
            query.states === undefined ? null : [...query.states],
          ],
        );
        return res.rows.map(toRecord);
      }),
  };
}
