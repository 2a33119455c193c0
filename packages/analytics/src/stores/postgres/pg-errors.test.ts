import { describe, expect, it } from "vitest";
import { AnalyticsStoreError, AnalyticsStoreUnavailableError } from "../../errors.js";
import { classifyPgError, errorSummary, redact, storeError } from "./pg-errors.js";

/** What pg's DatabaseError looks like: a server answer with a SQLSTATE. */
const serverError = (code: string) => Object.assign(new Error(`server said ${code}`), { severity: "ERROR", code });
const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("PostgreSQL failures", () => {
  it("tells an unreachable server from data it refuses and from other server errors", () => {
    expect(classifyPgError(refused)).toBe("unavailable");
    expect(classifyPgError(new Error("Connection terminated unexpectedly"))).toBe("unavailable");
    expect(classifyPgError(serverError("57P01"))).toBe("unavailable"); // admin shutdown
    expect(classifyPgError(serverError("08006"))).toBe("unavailable");
    expect(classifyPgError(serverError("53300"))).toBe("unavailable"); // too many connections
    expect(classifyPgError(serverError("22021"))).toBe("rejected"); // NUL byte in text
    expect(classifyPgError(serverError("23505"))).toBe("rejected");
    expect(classifyPgError(serverError("42P01"))).toBe("failed");
    expect(classifyPgError(new AnalyticsStoreError("migrate", serverError("22P02")))).toBe("rejected");
  });

  it("gives a retryable AnalyticsStoreUnavailableError, still an AnalyticsStoreError, when unreachable", () => {
    const error = storeError("read summary", refused);
    expect(AnalyticsStoreUnavailableError.isInstance(error)).toBe(true);
    expect(AnalyticsStoreError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(true);
    expect(error.code).toBe("ANALYTICS_STORE_UNAVAILABLE");
    const other = storeError("read summary", serverError("42703"));
    expect(AnalyticsStoreUnavailableError.isInstance(other)).toBe(false);
    expect(other.retryable).toBe(false);
  });

  it("never shows credentials in what it logs", () => {
    expect(redact("cannot reach postgres://bot:s3cr%40t@db.internal:5432/prod now")).toBe(
      "cannot reach postgres://***@db.internal:5432/prod now",
    );
    expect(redact("host=db password=s3cret user=bot")).toBe("host=db password=*** user=bot");
    const summary = errorSummary(new Error("failed for postgresql://u:hunter2@h/d (password: 'hunter2')"));
    expect(summary).not.toContain("hunter2");
    expect(errorSummary(storeError("probe", refused))).toBe(
      "AnalyticsStoreUnavailableError (ECONNREFUSED): analytics store failed to probe: connect ECONNREFUSED 127.0.0.1:5432",
    );
  });
});
