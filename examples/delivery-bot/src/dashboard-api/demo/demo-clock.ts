/**
 * A clock the demo moves through past days while it seeds, then hands back to real time.
 * Give `clock.now` to `new Analytics({ now })` (and to a `MemoryBackend`) so seeded conversations are
 * recorded on the days they are played, not all at start-up.
 */
export interface DemoClock {
  /** Current time in epoch ms: the seeding time while seeding, `Date.now()` once released. */
  now(): number;
  /** Moves the seeding time; never backwards (events stay in time order). */
  set(ms: number): void;
  /** Back to real time. */
  release(): void;
  /** True while the clock follows `set` rather than real time. */
  readonly seeding: boolean;
}

/**
 * Creates a {@link DemoClock}, following real time until the first `set`.
 * @example
 * const clock = createDemoClock();
 * const analytics = new Analytics({ now: clock.now });
 * await seedDemoConversations({ analytics, clock });   // releases the clock when done
 */
export function createDemoClock(): DemoClock {
  let fixed: number | undefined;
  return {
    now: () => fixed ?? Date.now(),
    set(ms) {
      if (!Number.isFinite(ms)) throw new RangeError("clock.set: ms must be a finite number");
      fixed = Math.max(ms, fixed ?? Number.NEGATIVE_INFINITY);
    },
    release() {
      fixed = undefined;
    },
    get seeding() {
      return fixed !== undefined;
    },
  };
}

/** Epoch ms of `hh:mm` local time on `day` (`YYYY-MM-DD`) in an IANA zone (zones without DST jumps that day). */
export function localTime(day: string, minutes: number, timeZone: string): number {
  const guess = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
  return guess - zoneOffsetMs(guess, timeZone);
}

/** Offset of the zone from UTC at `ms`, in ms (Brazzaville: +3 600 000). */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(ms / 1000) * 1000;
}
