import type { Driver, Mission } from "../backend/types.js";
import { type CapturedSend, captureSends } from "../delivery/turn-capture.js";
import { isClosed } from "../domain.js";
import { ConflictError, maskPhone } from "../errors.js";
import { ratingButtons } from "../flows/feedback/feedback-flow.js";
import { collectLine } from "../flows/shared/collect-line.js";
import { describePlace } from "../flows/shared/place.js";
import { catalogues } from "../i18n/catalogue.js";
import { formatDateText } from "../i18n/date-text.js";
import { formatXaf } from "../i18n/format.js";
import { type Logger, silentLogger } from "../logger.js";
import { isOutsideWindowError, type Messenger, type TemplateMessage } from "../messaging/messenger.js";
import { encodePayload } from "../messaging/payloads.js";
import { type Reply, sendReply } from "../messaging/reply.js";
import { defaultTemplates, type TemplateSubject } from "../notifications/templates.js";
import type { Locale } from "../sessions/types.js";
import { parseOptions } from "../validate-options.js";
import { recordClosing } from "./closing.js";
import { tellCustomerAccepted } from "./customer-notice.js";
import { type AcceptOutcome, type DispatcherOptions, serviceSchema } from "./dispatcher-options.js";
import { deliveryEtaMinutes, pickupEtaMinutes } from "./eta.js";
import { parseLateKey, promiseDelivery, sendDelayedOnce } from "./late-check.js";
import { pickOfferRound } from "./offer-picks.js";
import { type DispatchSettings, dispatchSettingsSchema } from "./options.js";
import { type DeliveryProof, ProofCodes } from "./proof.js";
import { ProofPhotos } from "./proof-photos.js";
import { keepProofs, ProofRecords } from "./proof-record.js";
import type { StoredProof } from "./proof-store.js";
import { ScheduledPickups } from "./scheduled-pickups.js";
import { dispatchTexts } from "./texts.js";
import type { DriverState, GeoPoint } from "./types.js";

// Timer keys: `offer|<missionId>|<round>`; `late|…` (see late-check.ts) and the pickups' and proofs' own.
const SEP = "|";

/**
 * Offers missions to the nearest available drivers and assigns the first who accepts.
 * @example
 * const dispatcher = createDispatcher({ backend, store: new MemoryDispatchStore(), timers: new MemoryJobQueue(), messenger: client });
 * await dispatcher.setOnline(driver, true);
 * await dispatcher.locate(driver, { latitude: -4.26, longitude: 15.28 });
 * await dispatcher.offer(mission.id);
 */
export class Dispatcher {
  readonly #o: DispatcherOptions;
  readonly #s: DispatchSettings;
  readonly #now: () => number;
  readonly #logger: Logger;
  readonly #codes: ProofCodes;
  readonly #photos: ProofPhotos | undefined;
  readonly #records: ProofRecords;
  readonly #pickups: ScheduledPickups;

  constructor(options: DispatcherOptions) {
    const {
      backend,
      store,
      timers,
      messenger,
      notifier,
      templates,
      analytics,
      proofSecret,
      proofPhotos,
      now,
      localeOf,
      logger,
      ...settings
    } = options;
    parseOptions(serviceSchema, {
      ...settings,
      backend,
      store,
      timers,
      messenger,
      proofSecret,
      proofPhotos,
      localeOf,
    });
    this.#o = options;
    this.#s = parseOptions(dispatchSettingsSchema, settings);
    this.#now = now ?? Date.now;
    this.#logger = logger ?? silentLogger;
    this.#codes = new ProofCodes(proofSecret);
    [this.#records, this.#photos] = keepProofs(backend.missions, timers, proofPhotos, this.#logger, this.#now);
    this.#pickups = new ScheduledPickups({
      missions: backend.missions,
      store,
      timers,
      messenger,
      templates,
      settings: this.#s,
      now: this.#now,
      logger: this.#logger,
    });
    timers.process((key) => this.#onTimer(key).then(() => undefined));
  }

  /** The resolved settings (radius, fan-out, speed…). */
  get settings(): Readonly<DispatchSettings> {
    return this.#s;
  }

  /** A driver starts or stops taking missions; the last known position is kept. */
  /**
   * A driver starts or stops taking missions; the last known position is kept. Going offline himself
   * (`paused`, his "hors ligne") holds until he goes online himself: opening his missions
   * (`{ resume: false }`) does not undo it.
   */
  async setOnline(driver: Driver, online: boolean, options: { resume?: boolean } = {}): Promise<void> {
    const known = await this.#o.store.driver(driver.id);
    if (online && options.resume === false && known?.paused) return;
    const { paused: _paused, ...rest } = known ?? { driver, online };
    await this.#o.store.putDriver({
      ...rest,
      driver,
      online,
      seenAt: new Date(this.#now()).toISOString(),
      ...(online ? {} : { paused: true }),
    });
  }

  /** Records a driver's position (a shared location, or each update of a live location): a sign of life too. */
  async locate(driver: Driver, at: GeoPoint): Promise<void> {
    const known = await this.#o.store.driver(driver.id);
    const nowIso = new Date(this.#now()).toISOString();
    await this.#o.store.putDriver({
      ...known,
      driver: known?.driver ?? driver,
      online: known?.online ?? false,
      location: { latitude: at.latitude, longitude: at.longitude },
      locatedAt: nowIso,
      seenAt: nowIso,
    });
  }

  /** What dispatch knows of a driver. */
  driverState(driverId: string): Promise<DriverState | undefined> {
    return this.#o.store.driver(driverId);
  }

  /**
   * Offers a pending mission to the nearest online drivers within the radius (first round), and
   * schedules the wider rounds; online drivers whose distance is unknown are offered it too (see
   * `pickOfferRound`), so a mission reaches someone even when nobody shared a position.
   * @returns the ids of the drivers offered, nearest first.
   */
  async offer(missionId: string): Promise<string[]> {
    return this.#offerRound(missionId, 0);
  }

  /** A driver accepts: the first claim wins, atomically across processes; the customer is told. */
  async accept(missionId: string, driver: Driver): Promise<AcceptOutcome> {
    const { store, backend } = this.#o;
    const mission = await backend.missions.get(missionId);
    if (!mission) throw new ConflictError(`mission ${missionId} does not exist`);
    if (mission.status !== "pending") return { outcome: "taken", reference: mission.reference };
    const winner = await store.claim(mission.id, driver.id, this.#s.memoryMs);
    if (winner !== driver.id) return { outcome: "taken", reference: mission.reference };
    let assigned: Mission;
    try {
      assigned = await backend.missions.accept(mission.id, driver, {
        idempotencyKey: `dispatch-accept:${mission.id}:${driver.id}`,
      });
    } catch (err) {
      // Taken by another path (the drivers' list): the claim stays, the mission is gone either way.
      if (ConflictError.isInstance(err)) return { outcome: "taken", reference: mission.reference };
      await store.release(mission.id, driver.id);
      throw err;
    }
    const state = await store.driver(driver.id);
    // On this mission until it is delivered or cancelled: no other offer meanwhile.
    await store.putDriver({ ...(state ?? { driver, online: true }), busyWith: assigned.id });
    // A ride that cannot be measured (a typed address) is promised the default, so it is checked too.
    const eta = deliveryEtaMinutes(assigned, state?.location, this.#s.speedKmh) ?? this.#s.defaultEtaMinutes;
    await tellCustomerAccepted(
      {
        messenger: this.#o.messenger as Messenger,
        notifier: this.#o.notifier,
        locale: this.#s.locale,
        now: this.#now,
        logger: this.#logger,
      },
      assigned,
      state,
      eta,
    );
    // A pickup planned later: the driver starts from the pickup then, wherever he is now.
    const later = assigned.scheduledAt && Date.parse(assigned.scheduledAt) > this.#now();
    if (later) await this.#promiseFromPickup(assigned);
    else {
      const pickup = pickupEtaMinutes(assigned, state?.location, this.#s.speedKmh);
      await promiseDelivery(this.#promiseDeps(), assigned, eta, pickup);
    }
    return { outcome: "assigned", mission: assigned, etaMinutes: eta };
  }

  /**
   * Minutes until the mission is delivered, from its driver's last known position (for a ride that
   * cannot be measured, the minutes left until its promise); with the position itself, for "où est mon colis".
   */
  async eta(mission: Mission): Promise<{ minutes?: number; driverAt?: GeoPoint; locatedAt?: string }> {
    const state = mission.driver ? await this.#o.store.driver(mission.driver.id) : undefined;
    const minutes =
      deliveryEtaMinutes(mission, state?.location, this.#s.speedKmh) ?? (await this.#minutesToPromise(mission.id));
    return {
      ...(minutes === undefined ? {} : { minutes }),
      ...(state?.location ? { driverAt: state.location } : {}),
      ...(state?.locatedAt ? { locatedAt: state.locatedAt } : {}),
    };
  }

  /** A ride that cannot be measured: the minutes left until its promise, while it is still ahead. */
  async #minutesToPromise(missionId: string): Promise<number | undefined> {
    const promise = await this.#o.store.promise(missionId);
    const left = promise ? Date.parse(promise.dueAt) - this.#now() : 0;
    return left > 0 ? Math.ceil(left / 60_000) : undefined;
  }

  /**
   * A mission ended (delivered or cancelled): the conversions of a delivery (`mission_completed` with
   * its price, `order_completed` with the order's total when it delivered an order) and the figures of
   * its day, recomputed from every mission of that day. Once per mission and outcome. A photo proof is
   * kept too (with `proofPhotos`): its download and storage are scheduled on the timers. The proof goes on
   * the mission in the backend (`missions.recordProof`), then the photo's location once stored.
   */
  async closed(mission: Mission, proof?: DeliveryProof): Promise<void> {
    if (isClosed(mission.status)) await this.#free(mission);
    if (proof && mission.status === "delivered") {
      await this.#records.schedule(mission.id, proof, "delivered");
      if (proof.kind === "photo") await this.#photos?.schedule(mission.id, proof.mediaId);
    }
    const sink = this.#o.analytics;
    if (!sink || !isClosed(mission.status)) return;
    if (!(await this.#o.store.once(`closed:${mission.id}:${mission.status}`, this.#s.memoryMs))) return;
    if (mission.status === "delivered") await this.#askFeedback(mission);
    await recordClosing(
      {
        sink,
        missions: this.#o.backend.missions,
        orders: this.#o.backend.orders,
        store: this.#o.store,
        lateMarginMs: this.#s.lateMarginMs,
      },
      mission,
      proof,
    );
  }

  /** Where a mission's proof photo was stored (with `proofPhotos`), once it was. */
  async storedProof(missionId: string): Promise<StoredProof | undefined> {
    return this.#photos?.stored(missionId);
  }

  /**
   * "Où est mon colis": the driver's last known position as a pin and the ETA line, for a mission a
   * driver has and has not delivered yet (none otherwise).
   */
  async whereIs(mission: Mission): Promise<Reply[]> {
    if (!mission.driver || isClosed(mission.status)) return [];
    const t = dispatchTexts[this.#s.locale];
    const { minutes, driverAt, locatedAt } = await this.eta(mission);
    const out: Reply[] = [];
    if (driverAt) {
      out.push({ type: "location", ...driverAt, name: `${t.driverPin} — ${mission.driver.name}` });
      if (locatedAt) out.push({ type: "text", body: t.seenAt(formatDateText(locatedAt, this.#s.locale)) });
    }
    if (minutes !== undefined) {
      const at = formatDateText(new Date(this.#now() + minutes * 60_000), this.#s.locale);
      out.push({ type: "text", body: t.eta(mission.driver.name, minutes, at) });
    }
    return out;
  }

  /**
   * Sends the parcel's recipient their 4-digit delivery code (once per mission), which the driver
   * must type at the delivery; inside a turn it leaves from the turn's outbox.
   */
  async sendProofCode(mission: Mission): Promise<void> {
    if (!(await this.#o.store.once(`code:${mission.id}`, this.#s.memoryMs))) return;
    const t = dispatchTexts[this.#s.locale];
    const code = this.#codes.codeOf(mission.id);
    const recipient = mission.recipient.phone.replace(/\D/g, "");
    const customer = mission.clientPhone.replace(/\D/g, "");
    // A recipient rarely wrote to the number first: outside the window the `delivery_code` template goes
    // (through the notifier's checks). The customer gets the code too, so a code that did not reach the
    // recipient never blocks the delivery.
    const sends: CapturedSend[] = [
      { to: recipient, reply: { type: "text", body: t.recipientCode(mission.reference, code) } },
    ];
    if (customer !== recipient) {
      sends.push({
        to: customer,
        reply: { type: "text", body: t.customerCode(mission.reference, mission.recipient.name, code) },
      });
    }
    const withFallback = sends.map((send): CapturedSend => {
      const fallback = this.#pickTemplate({ kind: "code", mission, code, to: send.to });
      return fallback ? { ...send, fallback } : send;
    });
    if (captureSends(withFallback)) return;
    for (const send of withFallback) {
      await this.#sendOrTemplate(send).catch((err: unknown) => {
        this.#logger.warn("flows: delivery code not sent", { to: maskPhone(send.to), error: String(err) });
        this.#trackFailure("delivery_code_failed", mission, err);
      });
    }
  }

  /** A session message, or its fallback template when WhatsApp says the 24-hour window is closed. */
  async #sendOrTemplate(send: CapturedSend): Promise<void> {
    try {
      await sendReply(this.#o.messenger as Messenger, send.to, send.reply);
    } catch (err) {
      if (!isOutsideWindowError(err) || !send.fallback) throw err;
      await this.#o.messenger.sendTemplate(send.to, send.fallback);
    }
  }

  /** Reads a driver's proof of delivery: the recipient's code typed, or a photo; `undefined` when neither. */
  proofOf(mission: Mission, input: { kind: string; text?: string; mediaType?: string; mediaId?: string }) {
    if (input.kind === "media" && input.mediaType === "image" && input.mediaId) {
      return { kind: "photo", mediaId: input.mediaId } as const satisfies DeliveryProof;
    }
    if (input.kind === "text" && input.text && this.#codes.check(mission.id, input.text)) {
      return { kind: "code" } as const satisfies DeliveryProof;
    }
    return undefined;
  }

  /**
   * A mission was cancelled: the day's figures count the cancellation. Its driver is told by whoever
   * cancels it (the cancel flow, with dispatch on or off), not here, so he hears it once.
   */
  async cancelled(mission: Mission): Promise<void> {
    if (mission.status === "cancelled") await this.closed(mission);
  }

  /**
   * A mission's pickup moved (`missions.reschedule`): a pending one is offered `offerLeadMs` before the
   * pickup instead of now, and the customer is reminded `reminderLeadMs` before it (jobs of the timers).
   * Its driver is told the new time by whoever moves it (the reschedule flow, with dispatch on or off),
   * not here, so he hears it once.
   */
  async rescheduled(mission: Mission): Promise<void> {
    if (!mission.scheduledAt) return;
    await this.#pickups.planned(mission);
    // An accepted mission's promise moves with its pickup: delivered the ride's time after the new
    // pickup. The acceptance's lateness job is then stale (its key carries the old promise) and skipped.
    if (!mission.driver || mission.status === "pending") return;
    await this.#promiseFromPickup(mission);
  }

  /**
   * The promise of a mission whose driver starts at its planned pickup: picked up then, delivered the
   * ride's time (or `defaultEtaMinutes`) after it.
   */
  async #promiseFromPickup(mission: Mission): Promise<void> {
    const minutes = deliveryEtaMinutes(mission, undefined, this.#s.speedKmh) ?? this.#s.defaultEtaMinutes;
    await promiseDelivery(this.#promiseDeps(), mission, minutes, 0);
  }

  /** The mission's driver takes offers again (he was busy with it). */
  async #free(mission: Mission): Promise<void> {
    if (!mission.driver) return;
    const state = await this.#o.store.driver(mission.driver.id);
    if (state?.busyWith !== mission.id) return;
    const { busyWith: _busy, ...rest } = state;
    await this.#o.store.putDriver(rest);
  }

  /** A failure outside a turn, counted in the analytics under `kind`; the counting itself never throws. */
  #trackFailure(kind: string, mission: Mission, err: unknown): void {
    try {
      this.#o.analytics?.trackError?.(err instanceof Error ? err : new Error(String(err)), {
        kind,
        reference: mission.reference,
      });
    } catch (trackErr) {
      this.#logger.warn("flows: dispatch failure not counted", { kind, error: String(trackErr) });
    }
  }

  #promiseDeps() {
    return { store: this.#o.store, timers: this.#o.timers, settings: this.#s, now: this.#now };
  }

  /** The template for `subject` through the notifier's checks when it has them, else `templates`. */
  #pickTemplate(subject: TemplateSubject): TemplateMessage | undefined {
    const viaNotifier = this.#o.notifier?.pickTemplate;
    if (viaNotifier) return viaNotifier(subject);
    return (this.#o.templates ?? defaultTemplates)(
      subject,
      catalogues[this.#s.locale],
      this.#s.templateLanguage ?? this.#s.locale,
    );
  }

  /**
   * The rating buttons after a delivery, inside the 24-hour window; outside it they are dropped, the
   * notifier's `feedback_request` template (same buttons) having asked already.
   */
  async #askFeedback(mission: Mission): Promise<void> {
    const to = mission.clientPhone.replace(/\D/g, "");
    const reply = ratingButtons(mission.reference, mission.driver?.name, this.#s.locale);
    if (captureSends([{ to, reply, dropIfWindowClosed: true }])) return;
    await sendReply(this.#o.messenger as Messenger, to, reply).catch((err: unknown) => {
      // Outside the window the template already asked; anything else is only logged: the delivery stands.
      this.#logger.warn("flows: feedback request not sent", { to: maskPhone(to), error: String(err) });
      this.#trackFailure("feedback_request_failed", mission, err);
    });
  }

  async #offerRound(missionId: string, round: number): Promise<string[]> {
    const { store, backend, messenger, timers } = this.#o;
    const mission = await backend.missions.get(missionId);
    // A pickup planned later is offered shortly before it (its own job), not now.
    if (mission?.status !== "pending" || this.#pickups.tooEarly(mission)) return [];
    // Offers made before a reschedule do not keep the drivers who had them out of the new rounds.
    const offerKey = mission.scheduledAt ? `${mission.id}@${mission.scheduledAt}` : mission.id;
    const picked = pickOfferRound({
      pickup: mission.pickup,
      drivers: await store.drivers(),
      offered: new Set(await store.offered(offerKey)),
      nowMs: this.#now(),
      presenceTtlMs: this.#s.presenceTtlMs,
      radiusKm: this.#s.radiusKm * this.#s.widenFactor ** round,
      fanOut: this.#s.fanOut,
      last: round + 1 >= this.#s.maxRounds,
    });
    await store.markOffered(
      offerKey,
      picked.map((p) => p.state.driver.id),
      this.#s.memoryMs,
    );
    // Paid by Mobile Money or what to collect in cash: the driver knows before going. Read once per language.
    const collects = new Map<Locale, Promise<string>>();
    const collectIn = (locale: Locale) => {
      const line = collects.get(locale) ?? collectLine(backend, mission, catalogues[locale], locale);
      collects.set(locale, line);
      return line;
    };
    const offers: CapturedSend[] = [];
    for (const { state, km } of picked) {
      await store.putDriver({ ...state, offer: { missionId: mission.id, reference: mission.reference } });
      // Each driver reads it in his own language, not the customer's or the bot's.
      const locale = await this.#localeOf(state.driver.phone);
      const t = dispatchTexts[locale];
      const c = catalogues[locale];
      const collect = await collectIn(locale);
      offers.push({
        to: state.driver.phone,
        reply: {
          type: "buttons",
          body: `${t.offer(
            mission.reference,
            describePlace(mission.pickup, c),
            describePlace(mission.destination, c),
            formatXaf(mission.price, locale),
            km === undefined ? undefined : `${km < 10 ? km.toFixed(1) : Math.round(km)} km`,
          )}\n${collect}`,
          // Opens the driver flow on this mission (its accept step): the answer goes through the
          // engine like any other, in order, with the session.
          buttons: [{ id: encodePayload("flow", "driver"), title: t.viewButton }],
        },
      });
    }
    // Inside a turn (the customer's confirmation created the mission) they leave from its outbox.
    if (!captureSends(offers)) {
      for (const offer of offers) {
        await sendReply(messenger as Messenger, offer.to, offer.reply).catch((err: unknown) => {
          // One unreachable driver does not stop the offer to the others; the failure is counted.
          this.#logger.warn("flows: dispatch offer failed", { to: maskPhone(offer.to), error: String(err) });
          this.#trackFailure("dispatch_offer_failed", mission, err);
        });
      }
    }
    if (round + 1 < this.#s.maxRounds) {
      await timers.schedule(["offer", mission.id, String(round + 1)].join(SEP), this.#s.reofferAfterMs);
    }
    return picked.map((p) => p.state.driver.id);
  }

  /** A user's own language (`localeOf`), else the configured one; a failed read is not worth an offer. */
  async #localeOf(phone: string): Promise<Locale> {
    const own = await this.#o.localeOf?.(phone.replace(/\D/g, "")).catch(() => undefined);
    return own ?? this.#s.locale;
  }

  async #onTimer(key: string): Promise<void> {
    if (ScheduledPickups.owns(key)) return this.#pickups.remind(key);
    if (ProofRecords.owns(key)) return this.#records.run(key);
    if (ProofPhotos.owns(key)) {
      const id = ProofPhotos.missionOf(key);
      await this.#photos?.run(key, id ? await this.#o.backend.missions.get(id) : undefined);
      return;
    }
    const late = parseLateKey(key);
    if (late) return this.#lateCheck(late.missionId, late.dueMs);
    const [kind, missionId, round] = key.split(SEP);
    if (missionId && kind === "offer") await this.#offerRound(missionId, Number(round));
  }

  async #lateCheck(missionId: string, dueMs: number | undefined): Promise<void> {
    const mission = await this.#o.backend.missions.get(missionId);
    if (!mission) return;
    const deps = {
      store: this.#o.store,
      pickTemplate: (subject: TemplateSubject) => this.#pickTemplate(subject),
      send: (to: string, template: TemplateMessage) => this.#o.messenger.sendTemplate(to, template),
      settings: this.#s,
      now: this.#now,
    };
    await sendDelayedOnce(deps, mission, (await this.eta(mission)).minutes, dueMs).catch((err: unknown) => {
      // The delivery goes on either way; the failure is logged with the mission's reference and counted
      // (outside any turn, nothing else would count it).
      this.#logger.warn("flows: delivery_delayed not sent", { reference: mission.reference, error: String(err) });
      this.#trackFailure("delivery_delayed_failed", mission, err);
    });
  }
}

/** Creates a {@link Dispatcher}. */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  return new Dispatcher(options);
}

export type { AcceptOutcome, DispatchBackend, DispatcherOptions, DispatchMessenger } from "./dispatcher-options.js";
