/** Numeric kind of a tracked event, as stored (column `kind`). */
export const EventKind = {
  SessionStart: 1,
  SessionEnd: 2,
  Message: 3,
  Conversion: 4,
  FunnelStep: 5,
  ResponseTime: 6,
  Error: 7,
  /** A customer's 1–5 rating of a delivered mission (see `trackRating`). */
  Rating: 8,
  /** A step of a customer's payment (see `trackPayment`); never a conversion, revenue or an error. */
  Payment: 9,
} as const;

/**
 * The `value` of an error event tracked with `countsInErrorRate: false` (a security event such as a
 * forged webhook): the one place the stores read to leave it out of `errors` and the error rate, while
 * top errors and name-counting alert rules still see it. Ordinary errors keep `value` 0, so rows
 * written before this existed count as they did.
 */
export const ERROR_OUTSIDE_RATE = 1;

/** One of the {@link EventKind} values. */
export type EventKindCode = (typeof EventKind)[keyof typeof EventKind];

/** JSON-compatible metadata attached to a conversion or an error. */
export type EventMeta = Record<string, string | number | boolean | null>;

/**
 * A batch of events in columns, as handed to a store. Per kind:
 * session start `a` = role; message `a` = type; conversion `a` = type, `value` = XAF, `meta`;
 * funnel step `a` = flow, `b` = step; response time `value` = ms, `meta` = labels;
 * error `a` = error name, `b` = message, `meta` = context, `value` = {@link ERROR_OUTSIDE_RATE} when it does
 * not count in the error rate (else 0); rating `a` = driver id, `b` = mission id,
 * `value` = 1–5, `meta` = driver name and comment (the latest rating of a mission replaces earlier ones);
 * payment `a` = method, `b` = payment id, `value` = XAF, `meta` = status and failure reason (the latest
 * event of a payment is its status).
 * Unused cells are `null` / `0`.
 * `company` is the company (merchant) an event belongs to, for per-company figures, or `null`.
 */
export interface EventChunk {
  length: number;
  kind: Uint8Array;
  at: Float64Array;
  user: Array<string | null>;
  company: Array<string | null>;
  a: Array<string | null>;
  b: Array<string | null>;
  value: Float64Array;
  meta: Array<EventMeta | null>;
}

function emptyChunk(capacity: number): EventChunk {
  return {
    length: 0,
    kind: new Uint8Array(capacity),
    at: new Float64Array(capacity),
    user: new Array<string | null>(capacity).fill(null),
    company: new Array<string | null>(capacity).fill(null),
    a: new Array<string | null>(capacity).fill(null),
    b: new Array<string | null>(capacity).fill(null),
    value: new Float64Array(capacity),
    meta: new Array<EventMeta | null>(capacity).fill(null),
  };
}

/**
 * Fixed-capacity columnar buffer filled by the tracking calls: a push is a few
 * array writes, no object allocation. Full chunks go to the store in one call.
 */
export class EventBuffer {
  readonly #capacity: number;
  readonly #onFull: (chunk: EventChunk) => void;
  #chunk: EventChunk;

  constructor(capacity: number, onFull: (chunk: EventChunk) => void) {
    this.#capacity = capacity;
    this.#onFull = onFull;
    this.#chunk = emptyChunk(capacity);
  }

  push(
    kind: EventKindCode,
    at: number,
    user: string | null,
    a: string | null,
    b: string | null,
    value: number,
    meta: EventMeta | null,
    company: string | null,
  ): void {
    const c = this.#chunk;
    const i = c.length;
    c.kind[i] = kind;
    c.at[i] = at;
    c.user[i] = user;
    c.company[i] = company;
    c.a[i] = a;
    c.b[i] = b;
    c.value[i] = value;
    c.meta[i] = meta;
    c.length = i + 1;
    if (i + 1 === this.#capacity) this.#onFull(this.drain() as EventChunk);
  }

  /** A message event: kind, time, user, company and type only — the other columns of a fresh chunk are already empty. */
  pushMessage(at: number, user: string, type: string, company: string | null): void {
    const c = this.#chunk;
    const i = c.length;
    c.kind[i] = 3;
    c.at[i] = at;
    c.user[i] = user;
    c.company[i] = company;
    c.a[i] = type;
    c.length = i + 1;
    if (i + 1 === this.#capacity) this.#onFull(this.drain() as EventChunk);
  }

  get size(): number {
    return this.#chunk.length;
  }

  /**
   * Hands over the buffered events (or `null` when empty). A full chunk is handed
   * over as is; a partial one (a read or a scrape between two full chunks) is
   * copied into a right-sized chunk and the buffer is cleared for reuse, so
   * frequent reads do not allocate a full-capacity chunk each time.
   */
  drain(): EventChunk | null {
    const c = this.#chunk;
    const n = c.length;
    if (n === 0) return null;
    if (n === this.#capacity) {
      this.#chunk = emptyChunk(this.#capacity);
      return c;
    }
    const out: EventChunk = {
      length: n,
      kind: c.kind.slice(0, n),
      at: c.at.slice(0, n),
      user: c.user.slice(0, n),
      company: c.company.slice(0, n),
      a: c.a.slice(0, n),
      b: c.b.slice(0, n),
      value: c.value.slice(0, n),
      meta: c.meta.slice(0, n),
    };
    // pushMessage relies on empty b/value/meta cells, and old references must not leak.
    c.user.fill(null, 0, n);
    c.company.fill(null, 0, n);
    c.a.fill(null, 0, n);
    c.b.fill(null, 0, n);
    c.meta.fill(null, 0, n);
    c.value.fill(0, 0, n);
    c.length = 0;
    return out;
  }
}
