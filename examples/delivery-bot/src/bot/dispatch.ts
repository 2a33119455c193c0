import type { Analytics } from "@toktok/analytics";
import {
  createDispatcher,
  type Dispatcher,
  type FeedbackSink,
  type JobQueue,
  type Locale,
  type MediaDownloader,
  MemoryDispatchStore,
  MemoryJobQueue,
  MemoryProofStore,
  type Messenger,
  type Notifier,
  RedisDispatchStore,
  systemClock,
  type TimerClock,
  type TokTokBackend,
  withDispatch,
} from "@toktok/flows";
import type { Logger } from "@toktok-example/shared";
import type { Cluster, Redis } from "ioredis";
import { FileProofStore } from "./proof-files.ts";
import { ratingsToAnalytics } from "./ratings.ts";
import { redisOptionsFromUrl } from "./redis.ts";

/** What the bot needs to dispatch missions. */
export interface DispatchDeps {
  env: Record<string, string | undefined>;
  backend: TokTokBackend;
  messenger: Messenger;
  notifier: Notifier;
  analytics: Analytics;
  logger: Logger;
  redis?: Redis | Cluster;
  redisUrl?: string;
  /** Downloads the drivers' proof photos (the bot's `WhatsAppClient`); without it only their media ids are kept. */
  media?: MediaDownloader;
  /**
   * The bot's clock: dispatch's ETAs and lateness, and its in-memory timers (a `ManualClock` fires them as
   * a test moves it). Default `systemClock`; BullMQ timers keep real time.
   */
  clock?: TimerClock;
  /** A user's language (`sessionLocales` of the engine's session store): each offer goes in its driver's. */
  localeOf?: (userId: string) => Promise<Locale | undefined>;
}

/** The bot's dispatch: the dispatcher, the backend that offers new missions, and what to close. */
export interface BotDispatch {
  dispatcher: Dispatcher;
  backend: TokTokBackend;
  /** Customers' ratings after their deliveries, recorded in the analytics (read with `getSatisfaction`). */
  feedback: FeedbackSink;
  close(): Promise<void>;
}

const OFF = new Set(["0", "false", "off", "no"]);

/** A number setting of the environment, or nothing (the dispatcher's zod schema checks its range). */
function num(env: Record<string, string | undefined>, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name}: must be a number, got "${raw}"`);
  return n;
}

/**
 * Dispatch, on unless `DISPATCH=off`: missions offered to the nearest online drivers (`DISPATCH_RADIUS_KM`,
 * `DISPATCH_FAN_OUT`, `DISPATCH_REOFFER_MS`, `DISPATCH_SPEED_KMH`, `DISPATCH_LATE_MARGIN_MS`; a ride between
 * typed addresses promised `DISPATCH_DEFAULT_ETA_MIN` minutes, default 45), a pickup
 * moved later offered `DISPATCH_OFFER_LEAD_MS` before it and reminded `DISPATCH_REMINDER_LEAD_MS` before it, the
 * recipient's delivery code derived from `DELIVERY_CODE_SECRET` (shared by every process), the
 * drivers' proof photos downloaded and kept in `PROOF_DIR` (in memory without it), presence
 * and claims in Redis and the re-offer / lateness timers in BullMQ when Redis is configured.
 *
 * On by default because without it nothing tells a driver that a mission exists: he would have to open
 * "Mes missions" on the off chance, and a customer's request could wait unseen. `DISPATCH=off` is for a
 * backend that assigns missions itself (its own dispatch, pushing to its drivers' app): the driver's
 * conversation is then the plain list of open missions.
 */
export async function createDispatch(deps: DispatchDeps): Promise<BotDispatch | undefined> {
  const { env, redis } = deps;
  const clock = deps.clock ?? systemClock;
  const now = () => clock.now();
  if (OFF.has((env.DISPATCH ?? "").trim().toLowerCase())) return undefined;
  const settings = {
    radiusKm: num(env, "DISPATCH_RADIUS_KM"),
    fanOut: num(env, "DISPATCH_FAN_OUT"),
    reofferAfterMs: num(env, "DISPATCH_REOFFER_MS"),
    speedKmh: num(env, "DISPATCH_SPEED_KMH"),
    lateMarginMs: num(env, "DISPATCH_LATE_MARGIN_MS"),
    defaultEtaMinutes: num(env, "DISPATCH_DEFAULT_ETA_MIN"),
    offerLeadMs: num(env, "DISPATCH_OFFER_LEAD_MS"),
    reminderLeadMs: num(env, "DISPATCH_REMINDER_LEAD_MS"),
  };
  const proofRetryMs = num(env, "PROOF_RETRY_MS");
  // Timers that a restart must not lose live in Redis with the other jobs; one process keeps them in memory.
  const timers: JobQueue = redis
    ? new (await import("@toktok/flows/bullmq")).BullMqJobQueue({
        name: "toktok-dispatch",
        ...(redis.isCluster || !deps.redisUrl
          ? { connection: redis, prefix: "{toktok}" }
          : { connection: redisOptionsFromUrl(deps.redisUrl) }),
        logger: deps.logger,
      })
    : new MemoryJobQueue({ clock });
  const dispatcher = createDispatcher({
    backend: deps.backend,
    store: redis ? new RedisDispatchStore({ client: redis }) : new MemoryDispatchStore({ now }),
    timers,
    messenger: deps.messenger,
    notifier: deps.notifier,
    analytics: deps.analytics,
    logger: deps.logger,
    now,
    ...(deps.localeOf ? { localeOf: deps.localeOf } : {}),
    ...(env.DELIVERY_CODE_SECRET ? { proofSecret: env.DELIVERY_CODE_SECRET } : {}),
    ...(deps.media
      ? {
          proofPhotos: {
            media: deps.media,
            store: env.PROOF_DIR?.trim() ? new FileProofStore(env.PROOF_DIR.trim()) : new MemoryProofStore(),
            ...(proofRetryMs === undefined ? {} : { retryBaseMs: proofRetryMs }),
          },
        }
      : {}),
    ...Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
  });
  return {
    dispatcher,
    backend: withDispatch(deps.backend, dispatcher),
    feedback: ratingsToAnalytics(deps.analytics),
    close: () => timers.close(),
  };
}
