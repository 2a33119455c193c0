import type { DeliveryPromise, DispatchStore, DriverState } from "./types.js";

/**
 * The in-process {@link DispatchStore}: right for one process (the demo, tests). Expiries are checked
 * on read against `now`, so no timer is left behind.
 */
export class MemoryDispatchStore implements DispatchStore {
  readonly #drivers = new Map<string, DriverState>();
  readonly #offered = new Map<string, { ids: Set<string>; until: number }>();
  readonly #claims = new Map<string, { driverId: string; until: number }>();
  readonly #once = new Map<string, number>();
  readonly #promises = new Map<string, { promise: DeliveryPromise; until: number }>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async putDriver(state: DriverState): Promise<void> {
    this.#drivers.set(state.driver.id, structuredClone(state));
  }

  async driver(driverId: string): Promise<DriverState | undefined> {
    const s = this.#drivers.get(driverId);
    return s && structuredClone(s);
  }

  async drivers(): Promise<DriverState[]> {
    return [...this.#drivers.values()].map((s) => structuredClone(s));
  }

  async markOffered(missionId: string, driverIds: readonly string[], ttlMs: number): Promise<void> {
    const entry = this.#live(this.#offered, missionId) ?? { ids: new Set<string>(), until: 0 };
    for (const id of driverIds) entry.ids.add(id);
    entry.until = this.#now() + ttlMs;
    this.#offered.set(missionId, entry);
  }

  async offered(missionId: string): Promise<string[]> {
    return [...(this.#live(this.#offered, missionId)?.ids ?? [])];
  }

  async claim(missionId: string, driverId: string, ttlMs: number): Promise<string> {
    const held = this.#live(this.#claims, missionId);
    if (held) return held.driverId;
    this.#claims.set(missionId, { driverId, until: this.#now() + ttlMs });
    return driverId;
  }

  async release(missionId: string, driverId: string): Promise<void> {
    if (this.#claims.get(missionId)?.driverId === driverId) this.#claims.delete(missionId);
  }

  async putPromise(missionId: string, promise: DeliveryPromise, ttlMs: number): Promise<void> {
    this.#promises.set(missionId, { promise: { ...promise }, until: this.#now() + ttlMs });
  }

  async promise(missionId: string): Promise<DeliveryPromise | undefined> {
    const p = this.#live(this.#promises, missionId)?.promise;
    return p && { ...p };
  }

  async once(key: string, ttlMs: number): Promise<boolean> {
    const until = this.#once.get(key);
    if (until !== undefined && until > this.#now()) return false;
    this.#once.set(key, this.#now() + ttlMs);
    return true;
  }

  #live<V extends { until: number }>(map: Map<string, V>, key: string): V | undefined {
    const v = map.get(key);
    if (v && v.until <= this.#now()) {
      map.delete(key);
      return undefined;
    }
    return v;
  }
}
