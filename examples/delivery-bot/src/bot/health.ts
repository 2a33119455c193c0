import type { StoreHealth } from "@toktok/analytics";
import type { AccountStanding } from "./account-state.ts";

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
  /** Which Redis the bot uses: one server, or a cluster with how many masters answer (`checks.redis` is ok only when all do). */
  redis?: { mode: "single" } | { mode: "cluster"; masters: number; mastersUp: number };
  /** Analytics events waiting for PostgreSQL, and those dropped because the buffer was full. */
  analytics?: { buffered: number; dropped: number };
  /** What Meta last said of the WhatsApp account, when it restricted or banned it (`checks.whatsapp_account` is then down). */
  account?: AccountStanding;
}

/** A client to ping: an ioredis `Redis`, or a `Cluster` (then every master is pinged). */
export interface PingableRedis {
  ping(): Promise<unknown>;
  readonly isCluster?: boolean;
  nodes?(role: "master"): Array<{ ping(): Promise<unknown> }>;
}

/** What the report reads: a Redis client to ping, the analytics store's health. */
export interface HealthSources {
  redis?: PingableRedis;
  analytics: { health(): StoreHealth };
  /** True when analytics are kept in PostgreSQL (`DATABASE_URL`). */
  postgres: boolean;
  /** The WhatsApp account's standing from the `account_update` webhooks. */
  account?: AccountStanding;
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
  const timeoutMs = sources.timeoutMs ?? 1_000;
  const answers = (client: { ping(): Promise<unknown> }) =>
    within(client.ping(), timeoutMs).then(
      () => true,
      () => false,
    );
  let redis: HealthReport["redis"];
  if (sources.redis?.isCluster && sources.redis.nodes) {
    // A PING to a cluster reaches one node: a master that is down would go unnoticed.
    const up = await Promise.all(sources.redis.nodes("master").map(answers));
    const mastersUp = up.filter(Boolean).length;
    redis = { mode: "cluster", masters: up.length, mastersUp };
    checks.redis = up.length > 0 && mastersUp === up.length ? "ok" : "down";
  } else if (sources.redis) {
    redis = { mode: "single" };
    checks.redis = (await answers(sources.redis)) ? "ok" : "down";
  }
  const store = sources.analytics.health();
  const report: HealthReport = { status: "ok", ready: checks.redis !== "down", checks, ...(redis ? { redis } : {}) };
  if (sources.postgres) {
    checks.postgres = store.status;
    report.analytics = { buffered: store.buffered, dropped: store.dropped };
  }
  if (sources.account && sources.account.state !== "ok") {
    // Not a reason to stop routing webhooks here (ready stays), but the number no longer reaches everyone.
    checks.whatsapp_account = "down";
    report.account = sources.account;
  }
  report.status = Object.values(checks).every((c) => c === "ok") ? "ok" : "degraded";
  return report;
}
