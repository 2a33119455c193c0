import { z } from "zod";
import type { Driver, Mission, TokTokBackend } from "../backend/types.js";
import { type CapturedSend, captureSends } from "../delivery/turn-capture.js";
import type { JobQueue } from "../delivery/types.js";
import { ConflictError, maskPhone } from "../errors.js";
import { ratingButtons } from "../flows/feedback/feedback-flow.js";
import { collectLine } from "../flows/shared/collect-line.js";
import { describePlace } from "../flows/shared/place.js";
import { catalogues } from "../i18n/catalogue.js";
import { brazzavilleDay, formatDateText } from "../i18n/date-text.js";
import { formatXaf } from "../i18n/format.js";
import { type Logger, silentLogger } from "../logger.js";
import type { Messenger } from "../messaging/messenger.js";
import { encodePayload } from "../messaging/payloads.js";
import { type Reply, sendReply } from "../messaging/reply.js";
import { driverCard } from "../notifications/status-messages.js";
import { defaultTemplates, type TemplatePicker } from "../notifications/templates.js";
import type { Notifier } from "../notifications/types.js";
import { parseOptions } from "../validate-options.js";
import { type CompletionSink, dispatchDay } from "./completion.js";
import { deliveryEtaMinutes } from "./eta.js";
import { pickOfferRound } from "./offer-picks.js";
import { type DispatchSettings, dispatchSettingsSchema } from "./options.js";
import { type DeliveryProof, ProofCodes } from "./proof.js";
import { type ProofPhotoOptions, ProofPhotos } from "./proof-photos.js";
import type { StoredProof } from "./proof-store.js";
import { dispatchTexts } from "./texts.js";
import type { DeliveryPromise, DispatchStore, DriverState, GeoPoint } from "./types.js";

/** What dispatch reads of the backend; `list` and `orders` are needed for completion figures. */
export interface DispatchBackend {
  missions: Pick<TokTokBackend["missions"], "get" | "accept"> & Partial<Pick<TokTokBackend["missions"], "list">>;
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
  notifier?: Pick<Notifier, "notifyMissionStatus">;
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
  /** Picks the `delivery_delayed` template of a late mission. Default `defaultTemplates`. */
  templates?: TemplatePicker;
  /** Clock in epoch ms. Default `Date.now`. */
  now?: () => number;
  logger?: Logger;
}

/** What {@link Dispatcher.accept} did. */
export type AcceptOutcome =
  | { outcome: "assigned"; mission: Mission; etaMinutes: number | undefined }
  /** Another driver was faster (here or on another process), or the mission is no longer open. */
  | { outcome: "taken"; reference: string };

const serviceSchema = dispatchSettingsSchema.extend({
  backend: z.object({ missions: z.object({ get: z.function(), accept: z.function() }) }, "must be a TokTokBackend"),
  store: z.object({ claim: z.function(), drivers: z.function() }, "must be a DispatchStore"),
  timers: z.object({ schedule: z.function(), process: z.function() }, "must be a JobQueue"),
  messenger: z.object({ sendText: z.function(), sendReplyButtons: z.function() }, "must be a Messenger"),
  proofSecret: z.string().min(16, "must be at least 16 characters").optional(),
  proofPhotos: z
    .object({
      media: z.object({ downloadMedia: z.function() }, "must have downloadMedia(mediaId, options)"),
      store: z.object({ put: z.function(), get: z.function() }, "must be a ProofStore"),
    })
    .optional(),
});

// Timer keys: `offer|<missionId>|<round>` and `late|<missionId>`.
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
      logger,
      ...settings
    } = options;
    parseOptions(serviceSchema, { ...settings, backend, store, timers, messenger, proofSecret, proofPhotos });
    this.#o = options;
    this.#s = parseOptions(dispatchSettingsSchema, settings);
    this.#now = now ?? Date.now;
    this.#logger = logger ?? silentLogger;
    this.#codes = new ProofCodes(proofSecret);
    this.#photos = proofPhotos ? new ProofPhotos(proofPhotos, timers, this.#logger) : undefined;
    timers.process((key) => this.#onTimer(key).then(() => undefined));
  }

  /** The resolved settings (radius, fan-out, speed…). */
  get settings(): Readonly<DispatchSettings> {
    return this.#s;
  }

  /** A driver starts or stops taking missions; the last known position is kept. */
  async setOnline(driver: Driver, online: boolean): Promise<void> {
    const known = await this.#o.store.driver(driver.id);
    await this.#o.store.putDriver({ ...known, driver, online });
  }

  /** Records a driver's position (a shared location, or each update of a live location). */
  async locate(driver: Driver, at: GeoPoint): Promise<void> {
    const known = await this.#o.store.driver(driver.id);
    await this.#o.store.putDriver({
      driver: known?.driver ?? driver,
      online: known?.online ?? false,
      location: { latitude: at.latitude, longitude: at.longitude },
      locatedAt: new Date(this.#now()).toISOString(),
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
    const eta = deliveryEtaMinutes(assigned, state?.location, this.#s.speedKmh);
    await this.#tellCustomer(assigned, state, eta);
    if (eta !== undefined) {
      const acceptedAt =
        assigned.history.find((h) => h.status === "accepted")?.at ?? new Date(this.#now()).toISOString();
      const dueAt = new Date(Date.parse(acceptedAt) + eta * 60_000).toISOString();
      await store.putPromise(assigned.id, { acceptedAt, dueAt }, this.#s.memoryMs);
      await this.#o.timers.schedule(["late", assigned.id].join(SEP), eta * 60_000 + this.#s.lateMarginMs);
    }
    return { outcome: "assigned", mission: assigned, etaMinutes: eta };
  }

  /**
   * Minutes until the mission is delivered, from its driver's last known position; with the position
   * itself, for "où est mon colis".
   */
  async eta(mission: Mission): Promise<{ minutes?: number; driverAt?: GeoPoint; locatedAt?: string }> {
    const state = mission.driver ? await this.#o.store.driver(mission.driver.id) : undefined;
    const minutes = deliveryEtaMinutes(mission, state?.location, this.#s.speedKmh);
    return {
      ...(minutes === undefined ? {} : { minutes }),
      ...(state?.location ? { driverAt: state.location } : {}),
      ...(state?.locatedAt ? { locatedAt: state.locatedAt } : {}),
    };
  }

  /**
   * A mission ended (delivered or cancelled): the conversions of a delivery (`mission_completed` with
   * its price, `order_completed` with the order's total when it delivered an order) and the figures of
   * its day, recomputed from every mission of that day. Once per mission and outcome. A photo proof is
   * kept too (with `proofPhotos`): its download and storage are scheduled on the timers.
   */
  async closed(mission: Mission, proof?: DeliveryProof): Promise<void> {
    if (proof?.kind === "photo" && mission.status === "delivered") {
      await this.#photos?.schedule(mission.id, proof.mediaId);
    }
    const sink = this.#o.analytics;
    if (!sink || (mission.status !== "delivered" && mission.status !== "cancelled")) return;
    if (!(await this.#o.store.once(`closed:${mission.id}:${mission.status}`, this.#s.memoryMs))) return;
    const promise = await this.#o.store.promise(mission.id);
    const deliveredAt = mission.history.find((h) => h.status === "delivered")?.at;
    if (mission.status === "delivered") {
      await this.#askFeedback(mission);
      await sink.trackConversion?.(mission.clientPhone, "mission_completed", mission.price, {
        reference: mission.reference,
        ...(mission.driver ? { driverId: mission.driver.id } : {}),
        ...(proof ? { proof: proof.kind, ...(proof.kind === "photo" ? { proofMediaId: proof.mediaId } : {}) } : {}),
        ...(promise && deliveredAt
          ? { delayMinutes: Math.round((Date.parse(deliveredAt) - Date.parse(promise.dueAt)) / 60_000) }
          : {}),
      });
      const order = mission.orderReference ? await this.#o.backend.orders?.get(mission.orderReference) : undefined;
      if (order) {
        await sink.trackConversion?.(order.clientPhone, "order_completed", order.total, {
          reference: order.reference,
          merchantId: order.merchantId,
        });
      }
    }
    const missions = this.#o.backend.missions;
    if (!sink.recordDispatch || !missions.list) return;
    const day = brazzavilleDay(mission.createdAt);
    // The day's missions only; filtered again, so a backend that ignores `createdOn` stays right.
    const ofDay = (await missions.list({ createdOn: day })).filter((m) => brazzavilleDay(m.createdAt) === day);
    const promises = new Map<string, DeliveryPromise>();
    for (const m of ofDay) {
      const p = await this.#o.store.promise(m.id);
      if (p) promises.set(m.id, p);
    }
    await sink.recordDispatch(dispatchDay(day, ofDay, promises, this.#s.lateMarginMs));
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
    if (!mission.driver || mission.status === "delivered" || mission.status === "cancelled") return [];
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
    const to = mission.recipient.phone.replace(/\D/g, "");
    const reply: Reply = {
      type: "text",
      body: dispatchTexts[this.#s.locale].recipientCode(mission.reference, this.#codes.codeOf(mission.id)),
    };
    if (!captureSends([{ to, reply }])) await sendReply(this.#o.messenger as Messenger, to, reply);
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
   * A mission was cancelled: its driver, if it had one, is told not to go (inside a turn from the
   * turn's outbox), and the day's figures count the cancellation.
   */
  async cancelled(mission: Mission): Promise<void> {
    if (mission.status !== "cancelled") return;
    if (mission.driver) {
      await this.#tellDriver(mission.driver, dispatchTexts[this.#s.locale].cancelledForDriver(mission.reference));
    }
    await this.closed(mission);
  }

  /** A mission's pickup moved (`missions.reschedule`): its driver, if it has one, is told the new time. */
  async rescheduled(mission: Mission): Promise<void> {
    if (!mission.driver || !mission.scheduledAt) return;
    const when = formatDateText(mission.scheduledAt, this.#s.locale);
    await this.#tellDriver(mission.driver, dispatchTexts[this.#s.locale].rescheduledForDriver(mission.reference, when));
  }

  /** One text to a driver: inside a turn from the turn's outbox, else straight away. */
  async #tellDriver(driver: Driver, body: string): Promise<void> {
    const to = driver.phone.replace(/\D/g, "");
    const reply: Reply = { type: "text", body };
    if (!captureSends([{ to, reply }])) await sendReply(this.#o.messenger as Messenger, to, reply);
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
    });
  }

  async #offerRound(missionId: string, round: number): Promise<string[]> {
    const { store, backend, messenger, timers } = this.#o;
    const mission = await backend.missions.get(missionId);
    if (mission?.status !== "pending") return [];
    const picked = pickOfferRound({
      pickup: mission.pickup,
      drivers: await store.drivers(),
      offered: new Set(await store.offered(mission.id)),
      radiusKm: this.#s.radiusKm * this.#s.widenFactor ** round,
      fanOut: this.#s.fanOut,
      last: round + 1 >= this.#s.maxRounds,
    });
    await store.markOffered(
      mission.id,
      picked.map((p) => p.state.driver.id),
      this.#s.memoryMs,
    );
    const t = dispatchTexts[this.#s.locale];
    const c = catalogues[this.#s.locale];
    // Paid by Mobile Money or what to collect in cash: the driver knows before going.
    const collect = await collectLine(backend, mission, c, this.#s.locale);
    const offers: CapturedSend[] = [];
    for (const { state, km } of picked) {
      await store.putDriver({ ...state, offer: { missionId: mission.id, reference: mission.reference } });
      offers.push({
        to: state.driver.phone,
        reply: {
          type: "buttons",
          body: `${t.offer(
            mission.reference,
            describePlace(mission.pickup, c),
            describePlace(mission.destination, c),
            formatXaf(mission.price, this.#s.locale),
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
        await sendReply(messenger as Messenger, offer.to, offer.reply).catch((err: unknown) =>
          // One unreachable driver does not stop the offer to the others.
          this.#logger.warn("flows: dispatch offer failed", { to: maskPhone(offer.to), error: String(err) }),
        );
      }
    }
    if (round + 1 < this.#s.maxRounds) {
      await timers.schedule(["offer", mission.id, String(round + 1)].join(SEP), this.#s.reofferAfterMs);
    }
    return picked.map((p) => p.state.driver.id);
  }

  async #tellCustomer(mission: Mission, state: DriverState | undefined, eta: number | undefined): Promise<void> {
    const { messenger, notifier } = this.#o;
    const t = dispatchTexts[this.#s.locale];
    const to = mission.clientPhone.replace(/\D/g, "");
    const driver = mission.driver;
    if (!driver) return;
    const replies: Reply[] = [];
    // The notifier's acceptance message carries the driver's card; without one, dispatch sends it.
    if (!notifier) replies.push({ type: "contacts", contacts: [driverCard(driver)] });
    if (state?.location) replies.push({ type: "location", ...state.location, name: `${t.driverPin} — ${driver.name}` });
    if (eta !== undefined) {
      const at = formatDateText(new Date(this.#now() + eta * 60_000), this.#s.locale);
      replies.push({ type: "text", body: t.eta(driver.name, eta, at) });
    }
    try {
      if (notifier) await notifier.notifyMissionStatus(mission, "accepted");
      // Inside a driver's turn they go out from the turn's outbox, after it is committed; else now.
      if (
        captureSends(
          replies.map((reply, i) => ({ to, reply, ...(i > 0 ? { dropIfWindowClosed: true as const } : {}) })),
        )
      )
        return;
      for (const reply of replies) await sendReply(messenger as Messenger, to, reply);
    } catch (err) {
      // The assignment stands; the customer can still ask "où est mon colis".
      this.#logger.error("flows: dispatch customer notice failed", { to: maskPhone(to), error: String(err) });
    }
  }

  async #onTimer(key: string): Promise<void> {
    if (ProofPhotos.owns(key)) {
      const id = ProofPhotos.missionOf(key);
      await this.#photos?.run(key, id ? await this.#o.backend.missions.get(id) : undefined);
      return;
    }
    const [kind, missionId, round] = key.split(SEP);
    if (!missionId) return;
    if (kind === "offer") await this.#offerRound(missionId, Number(round));
    else if (kind === "late") await this.#checkLate(missionId);
  }

  /** Sends `delivery_delayed` once when the mission is still not delivered past its ETA and margin. */
  async #checkLate(missionId: string): Promise<void> {
    const mission = await this.#o.backend.missions.get(missionId);
    if (!mission || mission.status === "delivered" || mission.status === "cancelled") return;
    if (!(await this.#o.store.once(`delayed:${mission.id}`, this.#s.memoryMs))) return;
    const { minutes } = await this.eta(mission);
    const c = catalogues[this.#s.locale];
    const template = (this.#o.templates ?? defaultTemplates)(
      {
        kind: "delayed",
        mission,
        newEta: new Date(this.#now() + (minutes ?? 15) * 60_000),
        reason: dispatchTexts[this.#s.locale].lateReason,
        to: mission.clientPhone,
      },
      c,
      this.#s.templateLanguage ?? this.#s.locale,
    );
    // A template, not a session message: the customer may not have written for more than 24 h.
    if (template) await this.#o.messenger.sendTemplate(mission.clientPhone.replace(/\D/g, ""), template);
  }
}

/** Creates a {@link Dispatcher}. */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  return new Dispatcher(options);
}
