import { randomUUID } from "node:crypto";
import type { Alert } from "./rules.js";

/** States of a stored alert: `active` when it fires, `acknowledged` once someone took it, `resolved` when it stops. */
export const ALERT_STATES = ["active", "acknowledged", "resolved"] as const;

/** One of {@link ALERT_STATES}. */
export type AlertState = (typeof ALERT_STATES)[number];

/** One firing of a rule, from the evaluation that found it to the one that no longer does. */
export interface AlertRecord {
  /** Opaque id (acknowledge with it). */
  id: string;
  rule: string;
  state: AlertState;
  /** The evaluation that opened it: value, reference, French message, severity. */
  alert: Alert;
  /** ISO 8601. */
  firedAt: string;
  acknowledgedAt?: string;
  /** Who acknowledged it (free text, e.g. the dashboard user). */
  acknowledgedBy?: string;
  resolvedAt?: string;
}

/** Which records {@link AlertStateStore.list} returns. */
export interface AlertQuery {
  /** Records open at some moment of `[from, to)` (epoch ms): fired before `to`, not resolved before `from`. */
  from?: number;
  to?: number;
  states?: readonly AlertState[];
}

/**
 * Where alert records live. Every transition is atomic, so several bot processes
 * evaluating the same rules open a rule's record once and resolve it once — which
 * is what makes one "fired" and one "resolved" notification per firing.
 */
export interface AlertStateStore {
  /** Opens a record for `alert.rule` unless one is open; the new record, or `null` when one was already open. */
  fire(alert: Alert, at: number): Promise<AlertRecord | null>;
  /** Resolves the open record of `rule`; that record, or `null` when none was open. */
  resolve(rule: string, at: number): Promise<AlertRecord | null>;
  /** Marks an active record acknowledged; the record (also when it already was), or `null` for an unknown id. */
  acknowledge(id: string, at: number, by?: string): Promise<AlertRecord | null>;
  /** Records by `firedAt`, newest first. */
  list(query?: AlertQuery): Promise<AlertRecord[]>;
}

/** A store that also keeps alert records (`PostgresStore` does, in its schema). */
export interface AlertStateSource {
  alertStates(): AlertStateStore;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** True when a record was open at some moment of `[from, to)` and has one of `states`. */
export function matches(r: AlertRecord, q: AlertQuery): boolean {
  if (q.states !== undefined && !q.states.includes(r.state)) return false;
  if (q.to !== undefined && Date.parse(r.firedAt) >= q.to) return false;
  if (q.from !== undefined && r.resolvedAt !== undefined && Date.parse(r.resolvedAt) < q.from) return false;
  return true;
}

/** Alert records in this process's memory: the default (one process's view). */
export class MemoryAlertStore implements AlertStateStore {
  readonly #records: AlertRecord[] = [];

  async fire(alert: Alert, at: number): Promise<AlertRecord | null> {
    if (this.#records.some((r) => r.rule === alert.rule && r.state !== "resolved")) return null;
    const record: AlertRecord = { id: randomUUID(), rule: alert.rule, state: "active", alert, firedAt: iso(at) };
    this.#records.push(record);
    return { ...record };
  }

  async resolve(rule: string, at: number): Promise<AlertRecord | null> {
    const record = this.#records.find((r) => r.rule === rule && r.state !== "resolved");
    if (record === undefined) return null;
    record.state = "resolved";
    record.resolvedAt = iso(at);
    return { ...record };
  }

  async acknowledge(id: string, at: number, by?: string): Promise<AlertRecord | null> {
    const record = this.#records.find((r) => r.id === id);
    if (record === undefined) return null;
    if (record.state === "active") {
      record.state = "acknowledged";
      record.acknowledgedAt = iso(at);
      if (by !== undefined) record.acknowledgedBy = by;
    }
    return { ...record };
  }

  async list(query: AlertQuery = {}): Promise<AlertRecord[]> {
    return this.#records
      .filter((r) => matches(r, query))
      .sort((x, y) => (x.firedAt < y.firedAt ? 1 : x.firedAt > y.firedAt ? -1 : 0))
      .map((r) => ({ ...r }));
  }
}
