/** SQL for a timestamptz parameter given as epoch milliseconds (exact to the millisecond). */
export const ts = (n: number): string => `to_timestamp($${n}::float8 / 1000)`;

/** SQL reading a timestamptz back as epoch milliseconds. */
export const epochMs = (expr: string): string => `(extract(epoch from ${expr}) * 1000)::float8`;

/** Clamps ±Infinity (open ranges) to values PostgreSQL's to_timestamp accepts. */
export const msParam = (ms: number): number => Math.max(-8.2e15, Math.min(8.2e15, ms));
