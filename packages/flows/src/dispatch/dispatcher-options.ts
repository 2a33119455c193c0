import { z } from "zod";
import type { Mission, TokTokBackend } from "../backend/types.js";
import type { JobQueue } from "../delivery/types.js";
import type { Logger } from "../logger.js";
import type { Messenger } from "../messaging/messenger.js";
import type { TemplatePicker } from "../notifications/templates.js";
import type { Notifier } from "../notifications/types.js";
import type { Locale } from "../sessions/types.js";
import type { CompletionSink } from "./completion.js";
import { type DispatchSettings, dispatchSettingsSchema } from "./options.js";
import { type ProofPhotoOptions, proofPhotoOptionsSchema } from "./proof-photos.js";
import type { DispatchStore } from "./types.js";

/**
 * What dispatch reads of the backend; `list` and `orders` are needed for completion figures, `recordProof`
 * to keep each delivery's proof on its mission.
 */
export interface DispatchBackend {
  missions: Pick<TokTokBackend["missions"], "get" | "accept"> &
    Partial<Pick<TokTokBackend["missions"], "list" | "recordProof">>;
  orders?: Pick<TokTokBackend["orders"], "get">;
}

/** What dispatch sends with: a `WhatsAppClient` fits (pins go out with `sendLocation`). */
export type DispatchMessenger = Pick<
  Messenger,
  "sendText" | "sendReplyButtons" | "sendContacts" | "sendTemplate" | "sendLocation" | "sendLocationRequest"
> &
  Partial<Pick<Messenger, "sendList" | "sendImage">>;

/** Options of {@link createDispatcher}; every setting of {@link DispatchSettings} may be given too. */
export interface DispatcherOptions extends Partial<DispatchSettings> {
  backend: DispatchBackend;
  /** `MemoryDispatchStore` (one process) or `RedisDispatchStore` (many). */
  store: DispatchStore;
  /**
   * Where the re-offer and lateness timers live: a job queue of dispatch's own (not the engine's), so a
   * restart keeps them when it is a `BullMqJobQueue`. Dispatch calls its `process` once.
   */
  timers: JobQueue;
  messenger: DispatchMessenger;
  /** Sends the status notification of the acceptance (timeline and the driver's card). */
  notifier?: Pick<Notifier, "notifyMissionStatus" | "pickTemplate">;
  /**
   * Told when a mission ends ({@link Dispatcher.closed}): `mission_completed` / `order_completed`
   * conversions with their amounts, and the day's dispatch figures (`recordDispatch`) recomputed from
   * its missions. `Analytics` from `@toktok/analytics` fits.
   */
  analytics?: CompletionSink;
  /**
   * Secret the recipients' 4-digit delivery codes are derived from, shared by every process (e.g.
   * `DELIVERY_CODE_SECRET`). Default: a random one, right for one process only.
   */
  proofSecret?: string;
  /**
   * Keeps the photos drivers send as proof: downloaded with `media` (a `WhatsAppClient`) and put in
   * `store`, as jobs of `timers` after the delivery is recorded. Without it only the media id is kept.
   */
  proofPhotos?: ProofPhotoOptions;
  /**
   * Picks dispatch's templates (`delivery_delayed`, the delivery code) when the notifier has no
   * `pickTemplate` (a `createNotifier` one has: its pickers and template checks are used). Default
   * `defaultTemplates`.
   */
  templates?: TemplatePicker;
  /**
   * Clock in epoch ms. Default `Date.now`. Give the same clock to `timers` (a `MemoryJobQueue` with a
   * `ManualClock`) and a test moves time instead of waiting for re-offers and lateness checks.
   */
  now?: () => number;
  /**
   * A user's language — the driver's own, read from his session (`sessionLocales(store)` over the engine's
   * session store) — so each offer is written in it; a user without one (or a failed read) gets `locale`.
   * Without it every offer is in `locale`.
   */
  localeOf?: (userId: string) => Promise<Locale | undefined>;
  logger?: Logger;
}

/** What {@link Dispatcher.accept} did. */
export type AcceptOutcome =
  | { outcome: "assigned"; mission: Mission; etaMinutes: number | undefined }
  /** Another driver was faster (here or on another process), or the mission is no longer open. */
  | { outcome: "taken"; reference: string };

/** The services of {@link DispatcherOptions}, checked at the boundary (the settings are parsed apart). */
export const serviceSchema = dispatchSettingsSchema.extend({
  backend: z.object({ missions: z.object({ get: z.function(), accept: z.function() }) }, "must be a TokTokBackend"),
  store: z.object({ claim: z.function(), drivers: z.function() }, "must be a DispatchStore"),
  timers: z.object({ schedule: z.function(), process: z.function() }, "must be a JobQueue"),
  messenger: z.object({ sendText: z.function(), sendReplyButtons: z.function() }, "must be a Messenger"),
  proofSecret: z.string().min(16, "must be at least 16 characters").optional(),
  proofPhotos: proofPhotoOptionsSchema.optional(),
  localeOf: z.function().optional(),
});
