import type { StoreHealth } from "@toktok/analytics";

/** Each dependency's state in `GET /healthz` and `GET /readyz`. */
export type CheckState = "ok" | "down";

/** Body of `GET /healthz` and `GET /readyz`. */
export interface HealthReport {
  /** `degraded` when a dependency is down; the process itself still runs and heals by itself. */
  status: "ok" | "degraded";
  /**
   * True when webhooks can be recorded (Redis answers, when configured): what a load balancer
   * should route on. PostgreSQL down does not make the bot unready: analytics wait in a buffer.
   */
  ready: boolean;
  checks: Record<string, CheckState>;
  /** Analytics events waiting for PostgreSQL, and those dropped because the buffer was full. */
  analytics?: { buffered: number; dropped: number };
}

/** What the report reads: a Redis client to ping, the analytics store's health. */
export interface HealthSources {
  redis?: { ping(): Promise<unknown> };
  analytics: { health(): StoreHealth };
  /** True when analytics are kept in PostgreSQL (`DATABASE_URL`). */
  postgres: boolean;
  /** Longest wait for Redis's answer, in ms. Default 1 s. */
  timeoutMs?: number;
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** Reads every dependency's state now: Redis by a PING, PostgreSQL from the analytics store's own view. */
export async function healthReport(sources: HealthSources): Promise<HealthReport> {
  const checks: Record<string, CheckState> = { process: "ok" };
  if (sources.redis) {
    checks.redis = await within(sources.redis.ping(), sources.timeoutMs ?? 1_000).then(
      () => "ok" as const,
      () => "down" as const,
    );
  }
  const store = sources.analytics.health();
  const report: HealthReport = { status: "ok", ready: checks.redis !== "down", checks };
  if (sources.postgres) {
    checks.postgres = store.status;
    report.analytics = { buffered: store.buffered, dropped: store.dropped };
  }
  report.status = Object.values(checks).every((c) => c === "ok") ? "ok" : "degraded";
  return report;
}
