import type { Driver } from "../backend/types.js";

/** A GPS point. */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** What dispatch knows of one driver: who, whether they take missions, and where they were last seen. */
export interface DriverState {
  driver: Driver;
  online: boolean;
  location?: GeoPoint;
  /** ISO time of `location`. */
  locatedAt?: string;
  /** The latest mission offered to the driver: what "Mes missions" opens on. */
  offer?: { missionId: string; reference: string };
  /** ISO time of the driver's last sign of life (going online, a position): offers stop `presenceTtlMs` after it. */
  seenAt?: string;
  /** True when the driver went offline himself ("hors ligne"): opening his missions does not put him back online. */
  paused?: boolean;
  /** The mission he accepted and has not delivered yet: no other offer reaches him meanwhile. */
  busyWith?: string;
}

/**
 * Where dispatch keeps driver presence, the offers made and the claims: `MemoryDispatchStore` for one
 * process, `RedisDispatchStore` for many (the claim is then atomic across processes).
 */
export interface DispatchStore {
  /** Creates or updates a driver's state (merging the given fields). */
  putDriver(state: DriverState): Promise<void>;
  driver(driverId: string): Promise<DriverState | undefined>;
  /** Every driver known, online or not. */
  drivers(): Promise<DriverState[]>;
  /** Remembers that a mission was offered to these drivers (kept `ttlMs`). */
  markOffered(missionId: string, driverIds: readonly string[], ttlMs: number): Promise<void>;
  offered(missionId: string): Promise<string[]>;
  /**
   * Claims a mission for a driver, first caller wins (kept `ttlMs`).
   * @returns the id of the driver holding the claim: `driverId` when this call won.
   */
  claim(missionId: string, driverId: string, ttlMs: number): Promise<string>;
  /** Frees a claim held by `driverId` (the backend refused the assignment). */
  release(missionId: string, driverId: string): Promise<void>;
  /** Keeps what was promised to a mission's customer at acceptance (kept `ttlMs`). */
  putPromise(missionId: string, promise: DeliveryPromise, ttlMs: number): Promise<void>;
  promise(missionId: string): Promise<DeliveryPromise | undefined>;
  /** True the first time `key` is seen within `ttlMs`, false after: "exactly once" side effects. */
  once(key: string, ttlMs: number): Promise<boolean>;
}

/** What dispatch promised a mission's customer when a driver accepted: the base of "on time". */
export interface DeliveryPromise {
  /** ISO time of the acceptance. */
  acceptedAt: string;
  /** ISO time the delivery was announced for (acceptance + ETA). */
  dueAt: string;
  /**
   * ISO time the parcel should be picked up by: the planned pickup of a mission scheduled later, else
   * the acceptance plus the driver's ride to the pickup. Absent when his distance to it is unknown.
   */
  pickupDueAt?: string;
}
