import type { Analytics } from "@toktok/analytics";
import { builtInFlows, createNotifier, identifyWith, MemoryBackend, MemorySessionStore } from "@toktok/flows";
import { createTestConversation, RecordingMessenger, type TestConversation } from "@toktok/flows/testing";
import { localDay } from "../time.ts";
import { type DemoClock, localTime } from "./demo-clock.ts";
import { courierCustomer, driverDelivers, marketplaceCustomer, type Outcome, trackingCustomer } from "./personas.ts";
import { Player, seededRandom, type Timeline } from "./player.ts";

const DAY_MS = 86_400_000;
const MINUTE = 60_000;

/** Options of {@link seedDemoConversations}. */
export interface SeedDemoOptions {
  /** Receives the events (the engine's analytics sink) and the daily dispatch figures. */
  analytics: Analytics;
  /**
   * The clock `analytics` was created with (`new Analytics({ now: clock.now })`): the seeding moves it
   * through the past `days` so the page has history, then releases it. Without it every event is
   * recorded at the real time of seeding (one day of history).
   */
  clock?: DemoClock;
  /** Days of history ending today. Default 14 with a clock, 1 without. */
  days?: number;
  /** Average customers per day. Default 12. */
  customersPerDay?: number;
  /** PRNG seed: the same seed gives the same page. Default 2026. */
  seed?: number;
  /** A delivery within this many minutes of the order is on time. Default 60. */
  onTimeMinutes?: number;
  /** Backend the flows write missions and orders to. Default a fresh seeded `MemoryBackend`. */
  backend?: MemoryBackend;
}

/** Anything holding the bot's analytics, such as the demo's `Simulation`. */
export interface SeedTarget {
  bot: { analytics: Analytics };
}

/** What {@link seedDemoConversations} played. */
export interface SeedReport {
  days: number;
  /** Customer conversations (drivers' not included). */
  conversations: number;
  outcomes: Record<Outcome, number>;
  missions: number;
  orders: number;
  deliveries: number;
  /** Conversations whose script did not go as planned (the flows changed?), with the reason. */
  failures: string[];
}

interface Played {
  createdAt: number;
  deliveredAt?: number;
  cancelled?: boolean;
}

interface Pending {
  missionId: string;
  readyAt: number;
}

/**
 * Plays realistic conversations through the real TokTok flows (`@toktok/flows` engine, built-in
 * flows, auth, notifier) so the dashboard shows meaningful figures on first open: customers asking
 * for couriers and ordering from shops (some dropping out at various steps, a few cancelling),
 * tracking requests, drivers signing up and delivering missions. The engine reports to `analytics`
 * itself; the seeding adds only the measured handling time per turn and, per day, the dispatch
 * figures of the deliveries it played.
 * @example
 * const clock = createDemoClock();
 * const analytics = new Analytics({ now: clock.now });
 * const report = await seedDemoConversations({ analytics, clock });
 */
export async function seedDemoConversations(target: SeedDemoOptions | SeedTarget): Promise<SeedReport> {
  // The demo's simulation (`{ bot: { analytics } }`) seeds the running bot's analytics at real time.
  const options: SeedDemoOptions = "bot" in target ? { analytics: target.bot.analytics } : target;
  const { analytics, clock } = options;
  if (typeof analytics?.trackResponseTime !== "function") {
    throw new TypeError("seedDemoConversations: options.analytics must be an Analytics instance");
  }
  const days = options.days ?? (clock ? 14 : 1);
  if (!Number.isSafeInteger(days) || days < 1 || days > 90) throw new RangeError("days must be an integer 1–90");
  const perDay = options.customersPerDay ?? 12;
  const onTimeMs = (options.onTimeMinutes ?? 60) * MINUTE;
  const rand = seededRandom(options.seed ?? 2026);
  const tz = analytics.timeZone;
  const realNow = Date.now();
  // Today's scripted visits stop two hours before now: a conversation or a delivery started just
  // before the end never records an event later than the real time the clock returns to.
  const end = realNow - 2 * 3_600_000;
  const firstDay = localDay(realNow - (days - 1) * DAY_MS, tz);
  let t = clock ? localTime(firstDay, 7 * 60, tz) : realNow;
  clock?.set(t);

  const backend = options.backend ?? new MemoryBackend({ now: () => t });
  const messenger = new RecordingMessenger();
  // Our own store so the scripts can read which step the engine is asking.
  const store = new MemorySessionStore();
  const root: TestConversation = createTestConversation({
    messenger,
    store,
    flows: builtInFlows({ backend, notifier: createNotifier({ messenger, backend }) }),
    authFlow: "auth",
    identify: identifyWith(backend),
    analytics,
    startAt: t,
  });
  const timeline: Timeline = {
    get t() {
      return t;
    },
    advance(ms) {
      t += ms;
      root.advance(ms);
      clock?.set(t);
    },
    reach(ms) {
      if (ms > t) this.advance(ms - t);
    },
  };
  const player = (user: string, name?: string) =>
    new Player(root.as(user, name), user, { timeline, analytics, rand, store });
  const report: SeedReport = {
    days,
    conversations: 0,
    outcomes: { completed: 0, abandoned: 0, cancelled: 0 },
    missions: 0,
    orders: 0,
    deliveries: 0,
    failures: [],
  };
  const drivers = [
    { phone: "242055500011", name: "Jean Mabiala" },
    { phone: "242055500012", name: "Arsène Bouanga" },
    { phone: "242055500013", name: "Rodrigue Itoua" },
  ];
  const customers: Array<{ phone: string; reference?: string }> = [];
  let nextCustomer = 1;

  try {
    for (let d = days - 1; d >= 0; d--) {
      const day = localDay(realNow - d * DAY_MS, tz);
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay(); // 0 = Sunday
      const limit = clock && d === 0 ? end : Number.POSITIVE_INFINITY;
      // Busier towards the weekend and growing a little every day, so trends and weekday patterns show.
      const factor = [0.7, 0.9, 1, 1, 1.1, 1.25, 1.4][weekday] ?? 1;
      const count = Math.max(3, Math.round(perDay * factor * (1 + 0.02 * (days - 1 - d)) + (rand() - 0.5) * 4));
      const arrivals = Array.from({ length: count }, () => (7.5 * 60 + rand() * 13 * 60) | 0).sort((a, b) => a - b);
      const pending: Pending[] = [];
      const created = new Map<string, Played>();

      const deliverDue = async (until: number) => {
        while (pending.length > 0 && (pending[0]?.readyAt ?? Number.POSITIVE_INFINITY) <= until) {
          const job = pending.shift() as Pending;
          if (rand() < 0.05) {
            // Nobody took it: the operator cancels it from the back office.
            await backend.missions.updateStatus(job.missionId, "cancelled");
            const record = created.get(job.missionId);
            if (record) record.cancelled = true;
            continue;
          }
          timeline.reach(job.readyAt);
          const driver = drivers[Math.floor(rand() * drivers.length)] ?? drivers[0];
          if (!driver) break;
          // Friday and Saturday evenings are slower on the roads.
          const slow = weekday === 5 || weekday === 6 ? 10 + Math.floor(rand() * 25) : 0;
          const legs: [number, number] = [4 + Math.floor(rand() * 8), 8 + Math.floor(rand() * 15) + slow];
          try {
            const reference = await driverDelivers(
              player(driver.phone, driver.name),
              driver.name,
              job.missionId,
              legs,
              (m) => timeline.advance(m * MINUTE),
            );
            const delivered = (await backend.missions.get(reference))?.id;
            report.deliveries++;
            const record = delivered === undefined ? undefined : created.get(delivered);
            if (record) record.deliveredAt = t;
            // The driver took another mission than this one: this one waits for the next driver.
            if (delivered !== job.missionId) pending.unshift({ ...job, readyAt: t });
          } catch (error) {
            report.failures.push(`delivery ${job.missionId}: ${(error as Error).message}`);
          }
        }
      };

      for (const minutes of arrivals) {
        const at = clock ? localTime(day, minutes, tz) : t;
        if (at > limit) break;
        await deliverDue(at);
        timeline.reach(at);
        const returning =
          customers.length > 4 && rand() < 0.35 ? customers[Math.floor(rand() * customers.length)] : undefined;
        const customer = returning ?? { phone: `2420660${String(nextCustomer++).padStart(5, "0")}` };
        if (!returning) customers.push(customer);
        const p = player(customer.phone, `Client ${customer.phone.slice(-3)}`);
        report.conversations++;
        try {
          const roll = rand();
          let outcome: Outcome;
          if (roll < 0.1 && customer.reference) {
            outcome = await trackingCustomer(p, customer.reference);
          } else if (roll < 0.6) {
            // Mondays lose more people at the parcel value step: an insight for the operator.
            const dropRate = weekday === 1 ? 0.4 : 0.22;
            const stopAt =
              rand() < dropRate ? (weekday === 1 && rand() < 0.6 ? 3 : 1 + Math.floor(rand() * 5)) : undefined;
            outcome = await courierCustomer(p, { ...(stopAt === undefined ? {} : { stopAt }), cancel: rand() < 0.05 });
            if (outcome === "completed") {
              const [mission] = (await backend.missions.list({ clientPhone: customer.phone, status: "pending" })).sort(
                (a, b) => b.createdAt.localeCompare(a.createdAt),
              );
              if (mission) {
                report.missions++;
                customer.reference = mission.reference;
                created.set(mission.id, { createdAt: t });
                pending.push({ missionId: mission.id, readyAt: t + (2 + Math.floor(rand() * 6)) * MINUTE });
              }
            }
          } else {
            const stopAt = rand() < 0.25 ? Math.floor(rand() * 6) : undefined;
            outcome = await marketplaceCustomer(p, {
              ...(stopAt === undefined ? {} : { stopAt }),
              cancel: rand() < 0.05,
            });
            if (outcome === "completed") report.orders++;
          }
          report.outcomes[outcome]++;
          // A customer who left mid-flow comes back as a new number, so no script meets a half-done session.
          if (outcome !== "completed" && !returning) customers.pop();
          else if (outcome !== "completed") customers.splice(customers.indexOf(customer), 1);
        } catch (error) {
          report.failures.push(`customer ${customer.phone}: ${(error as Error).message}`);
          const i = customers.indexOf(customer);
          if (i >= 0) customers.splice(i, 1);
        }
      }
      await deliverDue(limit);
      if (created.size > 0) await analytics.recordDispatch(dispatchOf(day, [...created.values()], onTimeMs));
    }
  } finally {
    clock?.release();
    await analytics.sync();
  }
  return report;
}

/** The dispatch figures of one day from the deliveries played (missions still open count only in the total). */
function dispatchOf(day: string, missions: readonly Played[], onTimeMs: number) {
  let onTime = 0;
  let late = 0;
  let cancelled = 0;
  let delaySum = 0;
  for (const m of missions) {
    if (m.cancelled) cancelled++;
    else if (m.deliveredAt !== undefined) {
      const took = m.deliveredAt - m.createdAt;
      if (took <= onTimeMs) onTime++;
      else late++;
      delaySum += Math.max(0, took - onTimeMs) / MINUTE;
    }
  }
  const delivered = onTime + late;
  return {
    day,
    total: missions.length,
    onTime,
    late,
    cancelled,
    avgDelayMinutes: delivered === 0 ? 0 : Math.round((delaySum / delivered) * 10) / 10,
  };
}
