/** A dependency probe: resolves when the dependency answers. */
export type HealthCheck = () => Promise<unknown>;

/** The state of one dependency. */
export type CheckStatus = "ok" | "down";

/** What `/healthz` and `/readyz` answer. */
export interface HealthReport {
  /** `down` as soon as one dependency is. */
  status: "ok" | "down";
  /** One entry per configured dependency (none without `REDIS_URL`). */
  checks: Record<string, CheckStatus>;
}

/** Runs every probe at once, each bounded by `timeoutMs` (timer `unref`'d): a hung dependency is down. */
export async function checkHealth(checks: Record<string, HealthCheck>, timeoutMs = 1_000): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, probe]): Promise<[string, CheckStatus]> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name}: no answer in ${timeoutMs} ms`)), timeoutMs);
        timer.unref();
      });
      try {
        await Promise.race([probe(), timeout]);
        return [name, "ok"];
      } catch {
        return [name, "down"];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const result = Object.fromEntries(entries);
  return { status: entries.every(([, s]) => s === "ok") ? "ok" : "down", checks: result };
}
