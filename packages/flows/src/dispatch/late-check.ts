import type { Mission } from "../backend/types.js";
import type { JobQueue } from "../delivery/types.js";
import { isClosed } from "../domain.js";
import type { TemplateMessage } from "../messaging/messenger.js";
import type { TemplateSubject } from "../notifications/templates.js";
import type { DispatchSettings } from "./options.js";
import { dispatchTexts } from "./texts.js";
import type { DispatchStore } from "./types.js";

// Job key: `late|<missionId>|<due ms>`. The promised time in the key makes a job of an earlier promise
// (one replaced by a reschedule) recognisable: it is skipped, the new promise's job carries the new time.
// A key without it (`late|<missionId>`, queued before) is checked against the current promise only.
const SEP = "|";

/** The lateness job of a mission promised for `dueMs`. */
export function lateKey(missionId: string, dueMs: number): string {
  return ["late", missionId, String(dueMs)].join(SEP);
}

/** The mission id and promised time (when the key carries one) of a lateness job; `undefined` for another job. */
export function parseLateKey(key: string): { missionId: string; dueMs?: number } | undefined {
  const [kind, missionId, due] = key.split(SEP);
  if (kind !== "late" || !missionId) return undefined;
  return due ? { missionId, dueMs: Number(due) } : { missionId };
}

/** What {@link promiseDelivery} needs. */
export interface PromiseDeps {
  store: Pick<DispatchStore, "putPromise">;
  timers: Pick<JobQueue, "schedule">;
  settings: DispatchSettings;
  now: () => number;
}

/**
 * Keeps what the customer is promised — delivered `etaMinutes` after the driver can start, that is
 * after the acceptance or after the planned pickup when it is later — replacing any earlier promise,
 * and schedules its lateness check `lateMarginMs` past it. `pickupMinutes` (the ride to the pickup from
 * that start; 0 for a planned pickup) adds the pickup promise, measured at `picked_up`.
 */
export async function promiseDelivery(
  deps: PromiseDeps,
  mission: Mission,
  etaMinutes: number,
  pickupMinutes?: number,
): Promise<void> {
  const { store, timers, settings, now } = deps;
  const acceptedAt = mission.history.find((h) => h.status === "accepted")?.at ?? new Date(now()).toISOString();
  const startMs = Math.max(Date.parse(acceptedAt), mission.scheduledAt ? Date.parse(mission.scheduledAt) : 0);
  const dueMs = startMs + etaMinutes * 60_000;
  // Kept at least until a day past the promise: a pickup moved to next week is measured against it then.
  const ttlMs = Math.max(settings.memoryMs, dueMs - now() + settings.memoryMs);
  const pickupDueAt = pickupMinutes === undefined ? {} : { pickupDueAt: iso(startMs + pickupMinutes * 60_000) };
  await store.putPromise(mission.id, { acceptedAt, dueAt: iso(dueMs), ...pickupDueAt }, ttlMs);
  await timers.schedule(lateKey(mission.id, dueMs), Math.max(0, dueMs + settings.lateMarginMs - now()));
}

const iso = (ms: number) => new Date(ms).toISOString();

/** What {@link sendDelayedOnce} needs. */
export interface LateCheckDeps {
  store: Pick<DispatchStore, "once" | "promise">;
  /** The template for the subject through the notifier's checks (paused template, the next picker's). */
  pickTemplate: (subject: TemplateSubject) => TemplateMessage | undefined;
  send: (to: string, template: TemplateMessage) => Promise<unknown>;
  settings: DispatchSettings;
  now: () => number;
}

/**
 * Sends `delivery_delayed` once when the mission is still not delivered past its promise and margin,
 * with the new estimate (`minutesLeft` from the driver's position, else a quarter of an hour) in words.
 * A job of a replaced promise (`dueMs` not the current one), a mission whose planned pickup is still
 * ahead, or one not yet past its current promise sends nothing.
 * @returns true when the template was sent.
 */
export async function sendDelayedOnce(
  deps: LateCheckDeps,
  mission: Mission,
  minutesLeft: number | undefined,
  dueMs?: number,
): Promise<boolean> {
  if (isClosed(mission.status)) return false;
  const { settings } = deps;
  const now = deps.now();
  if (mission.scheduledAt && Date.parse(mission.scheduledAt) > now) return false;
  const promise = await deps.store.promise(mission.id);
  if (promise) {
    const promised = Date.parse(promise.dueAt);
    if (dueMs !== undefined && dueMs !== promised) return false;
    if (now < promised + settings.lateMarginMs) return false;
  }
  if (!(await deps.store.once(`delayed:${mission.id}`, settings.memoryMs))) return false;
  const template = deps.pickTemplate({
    kind: "delayed",
    mission,
    newEta: new Date(now + (minutesLeft ?? 15) * 60_000),
    reason: dispatchTexts[settings.locale].lateReason,
    to: mission.clientPhone,
  });
  // A template, not a session message: the customer may not have written for more than 24 h.
  if (!template) return false;
  await deps.send(mission.clientPhone.replace(/\D/g, ""), template);
  return true;
}
