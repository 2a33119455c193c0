import type { Mission } from "../backend/types.js";
import { classifySendFailure } from "../delivery/send-failure.js";
import type { JobQueue } from "../delivery/types.js";
import { isBeforePickup } from "../domain.js";
import { describePlace } from "../flows/shared/place.js";
import { catalogues } from "../i18n/catalogue.js";
import { formatDateText } from "../i18n/date-text.js";
import type { Logger } from "../logger.js";
import { isOutsideWindowError, type Messenger } from "../messaging/messenger.js";
import { defaultTemplates, type TemplatePicker } from "../notifications/templates.js";
import { offerableAt } from "./offer-time.js";
import type { DispatchSettings } from "./options.js";
import { dispatchTexts } from "./texts.js";
import type { DispatchStore } from "./types.js";

/** What {@link ScheduledPickups} needs of the dispatcher. */
export interface ScheduledPickupsDeps {
  missions: { get(id: string): Promise<Mission | undefined> };
  store: Pick<DispatchStore, "once">;
  timers: JobQueue;
  messenger: Pick<Messenger, "sendText" | "sendTemplate">;
  templates: TemplatePicker | undefined;
  settings: DispatchSettings;
  now: () => number;
  logger: Logger;
}

// Job keys: `offer|<missionId>|0|<pickup ms>` (the dispatcher's first round, deferred) and
// `remind|<missionId>|<pickup ms>[|<try>]` (a try after the first is a retry of a failed send). The pickup time in the key makes a job of an earlier schedule
// recognisable: a mission moved again is reminded at its new time only.
const SEP = "|";
/** Sends of a reminder tried before giving up, and the wait before the second (doubled each time). */
const REMIND_TRIES = 5;
const REMIND_RETRY_MS = 30_000;

/**
 * The pickup time a customer chose (`missions.reschedule`): a pending mission is offered to drivers
 * `offerLeadMs` before it rather than now, and the customer is reminded `reminderLeadMs` before it —
 * a text inside the 24-hour window, the `mission_reminder` template outside it. Both are jobs of
 * dispatch's timers, so a `BullMqJobQueue` keeps them across restarts.
 */
export class ScheduledPickups {
  readonly #d: ScheduledPickupsDeps;

  constructor(deps: ScheduledPickupsDeps) {
    this.#d = deps;
  }

  /** True when the mission's pickup is too far ahead for drivers to be offered it yet. */
  tooEarly(mission: Mission): boolean {
    return !offerableAt(mission, this.#d.settings.offerLeadMs, this.#d.now());
  }

  /** Plans the deferred offer (of a mission still pending) and the customer's reminder. */
  async planned(mission: Mission): Promise<void> {
    if (!mission.scheduledAt) return;
    const pickup = Date.parse(mission.scheduledAt);
    const { timers, settings, now } = this.#d;
    if (mission.status === "pending") {
      await timers.schedule(
        ["offer", mission.id, "0", String(pickup)].join(SEP),
        Math.max(0, pickup - settings.offerLeadMs - now()),
      );
    }
    await timers.schedule(
      ["remind", mission.id, String(pickup)].join(SEP),
      Math.max(0, pickup - settings.reminderLeadMs - now()),
    );
  }

  /** True when `key` is a reminder job. */
  static owns(key: string): boolean {
    return key.startsWith(`remind${SEP}`);
  }

  /** Runs a reminder job: once per mission and pickup time, while the pickup is still to come. */
  async remind(key: string): Promise<void> {
    const [, missionId = "", pickupMs = "", tryText = "1"] = key.split(SEP);
    const attempt = Number(tryText) || 1;
    const mission = await this.#d.missions.get(missionId);
    // Moved again since (another job carries the new time), picked up, or cancelled: nothing to remind.
    if (!mission?.scheduledAt || String(Date.parse(mission.scheduledAt)) !== pickupMs) return;
    // Only a customer still waiting for the pickup needs a reminder.
    if (!isBeforePickup(mission.status)) return;
    if (Number(pickupMs) <= this.#d.now()) return;
    // Once per try: a job delivered twice sends once, a retry after a failed send is a try of its own.
    const onceKey = `remind:${mission.id}:${pickupMs}${attempt > 1 ? `:${attempt}` : ""}`;
    if (!(await this.#d.store.once(onceKey, this.#d.settings.memoryMs))) return;
    try {
      await this.#send(mission, mission.scheduledAt);
    } catch (error) {
      const failure = classifySendFailure(error);
      const detail = { reference: mission.reference, attempt, error: String(error) };
      // Retried like the other durable sends, on the queue; never when it may have gone (ambiguous).
      if (failure.kind !== "retry" || attempt >= REMIND_TRIES) {
        this.#d.logger.warn("flows: pickup reminder not sent", detail);
        return;
      }
      this.#d.logger.warn("flows: pickup reminder not sent yet, will try again", detail);
      const waitMs = failure.afterMs ?? REMIND_RETRY_MS * 2 ** (attempt - 1);
      await this.#d.timers.schedule(["remind", mission.id, pickupMs, String(attempt + 1)].join(SEP), waitMs);
    }
  }

  /** The reminder: a text inside the 24-hour window, the `mission_reminder` template outside it. */
  async #send(mission: Mission, scheduledAt: string): Promise<void> {
    const { locale } = this.#d.settings;
    const c = catalogues[locale];
    const to = mission.clientPhone.replace(/\D/g, "");
    const body = dispatchTexts[locale].reminder(
      mission.reference,
      formatDateText(scheduledAt, locale),
      describePlace(mission.pickup, c),
    );
    try {
      await this.#d.messenger.sendText(to, body);
    } catch (error) {
      if (!isOutsideWindowError(error)) throw error;
      // The customer has not written for more than 24 hours: only an approved template may go.
      const template = (this.#d.templates ?? defaultTemplates)(
        { kind: "mission", mission, status: mission.status, to: mission.clientPhone },
        c,
        this.#d.settings.templateLanguage ?? locale,
      );
      if (template) await this.#d.messenger.sendTemplate(to, template);
      else this.#d.logger.warn("flows: pickup reminder not sent, no template", { reference: mission.reference });
    }
  }
}
