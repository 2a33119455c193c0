/**
 * SQL keeping the events of one company when parameter `$n` is a company id, and
 * every event when it is NULL. Statements are sent unnamed, so PostgreSQL plans
 * each with the value known and drops the test when it is NULL; with an id it can
 * use `events_company_idx` (migration 6).
 */
export const companyIs = (n: number, column = "company_id"): string => `($${n}::text IS NULL OR ${column} = $${n})`;

/** The parameter for {@link companyIs}. */
export const companyParam = (range: { companyId?: string }): string | null => range.companyId ?? null;
