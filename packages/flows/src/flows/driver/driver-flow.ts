import { distanceKm } from "../../backend/pricing.js";
import type { Mission, TokTokBackend } from "../../backend/types.js";
import type { Dispatcher } from "../../dispatch/dispatcher.js";
import { describeDriverDay, driverDay } from "../../dispatch/driver-day.js";
import { hasPoint } from "../../dispatch/geo.js";
import { offerableAt } from "../../dispatch/offer-time.js";
import { DEFAULT_OFFER_LEAD_MS } from "../../dispatch/options.js";
import {
  type DriverStatusUpdate,
  isClosed,
  isDriverStatusUpdate,
  type MissionStatus,
  nextMissionStatus,
} from "../../domain.js";
import { normalizeWords } from "../../engine/commands.js";
import { defineFlow, END, type Flow, type FlowContext } from "../../engine/types.js";
import { ConflictError } from "../../errors.js";
import { formatXaf } from "../../i18n/format.js";
import type { UserInput } from "../../messaging/inbound.js";
import { encodePayload, payloadValue } from "../../messaging/payloads.js";
import { clip, type Reply } from "../../messaging/reply.js";
import type { Notifier } from "../../notifications/types.js";
import { followOrder } from "../merchant/order-delivery.js";
import { pickOption } from "../shared/choice.js";
import { collectLine, isPaidInAdvance } from "../shared/collect-line.js";
import { nothingHere } from "../shared/nothing-here.js";
import { describePlace } from "../shared/place.js";
import type { DriverData } from "./driver-data.js";
import { proofStep } from "./proof-step.js";

export type { DriverData } from "./driver-data.js";

/** Options of {@link driverFlow}. */
export interface DriverFlowOptions {
  backend: TokTokBackend;
  /** Tells the customer about each status change. */
  notifier?: Pick<Notifier, "notifyMissionStatus">;
  /**
   * Dispatch: opening the missions puts the driver online, shared positions are recorded, missions
   * are listed nearest first and an offered one opens first, and accepting goes through the atomic
   * claim (the customer gets the card, the driver's pin and the ETA).
   */
  dispatcher?: Pick<
    Dispatcher,
    "accept" | "setOnline" | "locate" | "driverState" | "closed" | "sendProofCode" | "proofOf" | "settings"
  >;
}

type Ctx = FlowContext<DriverData>;
type Update = DriverStatusUpdate;

/** Typed presence commands (accents and case ignored): true goes online, false offline. */
const presenceWords = new Map<string, boolean>([
  ["en ligne", true],
  ["online", true],
  ["hors ligne", false],
  ["offline", false],
  ["pause", false],
]);

/** The presence a message asks for (a typed command or the toggle), `undefined` for any other. */
function presenceOf(input: UserInput): boolean | undefined {
  if (input.kind === "text") return presenceWords.get(normalizeWords(input.text));
  const tapped = input.kind === "choice" ? payloadValue(input.id, "driver") : undefined;
  return tapped === "online" ? true : tapped === "offline" ? false : undefined;
}

/**
 * The status a driver may set from `current`: only the next one, so the customer's timeline never
 * shows a step as done without its time (a typed "Livré" at the pickup is refused and the valid next
 * status offered again).
 */
function nextUpdates(current: MissionStatus | undefined): Update[] {
  const next = nextMissionStatus(current ?? "accepted");
  return next !== undefined && isDriverStatusUpdate(next) ? [next] : [];
}

/**
 * The driver's side: the open missions, accepting one (first driver wins), then status
 * updates `pickup_arrived` → `picked_up` → `in_transit` → `arrived` → `delivered`, each with the driver's location.
 */
export function driverFlow(options: DriverFlowOptions): Flow {
  const { backend, notifier, dispatcher } = options;
  /**
   * Pending missions whose offer time has come (a pickup planned later is listed from `offerLeadMs` before
   * it, like dispatch offers it), nearest pickup first from the driver's last known position (when
   * dispatch knows it).
   */
  const openMissions = async (ctx: Ctx): Promise<Mission[]> => {
    const lead = dispatcher?.settings.offerLeadMs ?? DEFAULT_OFFER_LEAD_MS;
    const pending = await backend.missions.list({ status: "pending" });
    const open = pending.filter((m) => offerableAt(m, lead, ctx.now.getTime()));
    const at = (await dispatcher?.driverState(driverOf(ctx).id))?.location;
    if (!at) return open;
    const km = (m: Mission) => (hasPoint(m.pickup) ? distanceKm(at, m.pickup) : Number.POSITIVE_INFINITY);
    return open.sort((a, b) => km(a) - km(b));
  };
  const driverOf = (ctx: Ctx) => ({
    id: ctx.user?.id ?? ctx.userId,
    name: ctx.user?.name ?? ctx.contactName ?? ctx.userId,
    phone: ctx.userId,
  });
  /** "Mission accepted, go to the pickup", then what to collect there or at the door. */
  const acceptedText = async (m: Mission, ctx: Ctx): Promise<string> =>
    `${ctx.t.driver.accepted(m.reference, describePlace(m.pickup, ctx.t))}\n${await collectLine(backend, m, ctx.t, ctx.locale)}`;
  const notify = async (mission: Mission, status: MissionStatus) => {
    // The status is saved either way; the notifier logs a failed notification itself.
    await notifier?.notifyMissionStatus(mission, status).catch(() => undefined);
  };
  return defineFlow<DriverData>({
    id: "driver",
    menuTitle: (t) => t.driver.menuTitle,
    menuDescription: (t) => t.driver.menuDescription,
    roles: ["livreur"],
    // A customer's "missions" are their own deliveries.
    otherwise: "tracking",
    progress: false,
    // "hors ligne" / "en ligne" typed by an idle driver: his presence changes, then his missions open.
    ...(dispatcher
      ? {
          opensWith: async (input: UserInput, ctx: Ctx) => {
            const online = input.kind === "text" ? presenceOf(input) : undefined;
            if (online === undefined || ctx.user?.role !== "livreur") return undefined;
            await dispatcher.setOnline(driverOf(ctx), online);
            return { say: online ? ctx.t.driver.nowOnline : ctx.t.driver.nowOffline };
          },
        }
      : {}),
    start: async (ctx) => {
      const driver = driverOf(ctx);
      const mine = await backend.missions.list({ driverId: driver.id });
      const active = mine.find((m) => !isClosed(m.status));
      if (active) return { missionId: active.id, reference: active.reference, accepted: true, status: active.status };
      if (!dispatcher) return {};
      // Opening "Mes missions" means available — unless he went offline himself, which holds until
      // he goes online himself.
      await dispatcher.setOnline(driver, true, { resume: false });
      const offer = (await dispatcher.driverState(driver.id))?.offer;
      const offered = offer ? await backend.missions.get(offer.missionId) : undefined;
      return offered?.status === "pending" ? { missionId: offered.id, reference: offered.reference } : {};
    },
    steps: [
      {
        id: "pick",
        fills: ["missionId"],
        prompt: async (ctx) => {
          const { t, locale } = ctx;
          const open = await openMissions(ctx);
          // With dispatch, the driver's day (earnings, latest missions) heads the list.
          const day = dispatcher
            ? describeDriverDay(
                await driverDay(backend.missions, driverOf(ctx).id, ctx.now),
                (m) => t.missionStatus[m.status],
                locale,
              )
            : undefined;
          const head: Reply[] = day ? [{ type: "text", body: day }] : [];
          // With dispatch, the presence toggle: a row of the list, or a button beside the menu's.
          const state = dispatcher ? await dispatcher.driverState(driverOf(ctx).id) : undefined;
          const online = state?.online === true && !state.paused;
          const toggle = dispatcher
            ? {
                id: encodePayload("driver", online ? "offline" : "online"),
                title: online ? t.driver.goOffline : t.driver.goOnline,
              }
            : undefined;
          // Nothing to take: a way back to the menu, never a silent step (any message looks again).
          if (open.length === 0) {
            const empty = nothingHere(t.driver.noMissions, t.engine.buttons.menu);
            if (toggle && empty.type === "buttons") empty.buttons = [toggle, ...empty.buttons];
            return [...head, empty];
          }
          return [
            ...head,
            {
              type: "list",
              body: t.driver.listBody(open.length),
              button: t.driver.listButton,
              // Two sections (missions, then the toggle) each need a title, or WhatsApp refuses the list.
              sections: [
                {
                  ...(toggle ? { title: t.driver.missionsSection } : {}),
                  rows: open.slice(0, toggle ? 9 : 10).map((m) => ({
                    id: encodePayload("mission", m.id),
                    title: clip(m.reference, 24),
                    description: clip(
                      t.driver.missionRow(
                        describePlace(m.pickup, t),
                        describePlace(m.destination, t),
                        // A Mobile-Money-paid mission says so from the list on: nothing to collect.
                        isPaidInAdvance(m)
                          ? `${formatXaf(m.price, locale)} · ${t.driver.paidTag}`
                          : formatXaf(m.price, locale),
                      ),
                      72,
                    ),
                  })),
                },
                ...(toggle
                  ? [
                      {
                        title: t.driver.presenceSection,
                        rows: [{ ...toggle, description: t.driver.presenceRow(online) }],
                      },
                    ]
                  : []),
              ],
            },
          ];
        },
        parse: async (input, ctx) => {
          // "hors ligne" / "en ligne", typed or the toggle: said, and the list again.
          const online = dispatcher ? presenceOf(input) : undefined;
          if (online !== undefined && dispatcher) {
            await dispatcher.setOnline(driverOf(ctx), online);
            return { ok: true, goto: "pick", say: online ? ctx.t.driver.nowOnline : ctx.t.driver.nowOffline };
          }
          // A position shared while choosing: recorded, and the list comes again, nearest first.
          if (input.kind === "location" && dispatcher) {
            await dispatcher.locate(driverOf(ctx), input);
            return { ok: true, goto: "pick" };
          }
          // "Voir la course" of an offer, tapped while the list is open: that mission.
          if (input.kind === "choice" && payloadValue(input.id, "flow") === "driver" && dispatcher) {
            const offer = (await dispatcher.driverState(driverOf(ctx).id))?.offer;
            const offered = offer ? await backend.missions.get(offer.missionId) : undefined;
            if (offered?.status === "pending") {
              return { ok: true, set: { missionId: offered.id, reference: offered.reference }, clear: ["accepted"] };
            }
          }
          const open = await openMissions(ctx);
          const id = pickOption(
            input,
            "mission",
            open.map((m) => ({ id: m.id, title: m.reference })),
          );
          const mission = open.find((m) => m.id === id);
          if (!mission)
            return {
              ok: false,
              error: open.length === 0 ? ctx.t.driver.noMissions : ctx.nlu.explain("choice", ctx.locale),
            };
          return { ok: true, set: { missionId: mission.id, reference: mission.reference }, clear: ["accepted"] };
        },
      },
      {
        id: "accept",
        fills: ["accepted"],
        prompt: async ({ t, data, locale }) => {
          const m = await backend.missions.get(data.missionId ?? "");
          if (!m) return { type: "text", body: t.driver.noMissions };
          return {
            type: "buttons",
            body: `${t.driver.details({
              reference: m.reference,
              pickup: describePlace(m.pickup, t),
              destination: describePlace(m.destination, t),
              description: m.description,
              price: formatXaf(m.price, locale),
            })}\n${await collectLine(backend, m, t, locale)}`,
            buttons: [
              { id: encodePayload("accept", m.id), title: t.driver.accept },
              { id: encodePayload("driver", "other"), title: t.driver.other },
            ],
          };
        },
        parse: async (input, ctx) => {
          if (input.kind === "choice" && payloadValue(input.id, "driver") === "other") {
            return { ok: true, goto: "pick", clear: ["missionId", "reference"] };
          }
          // The button names its mission: one tapped on an older mission's details accepts nothing.
          const tapped = input.kind === "choice" ? payloadValue(input.id, "accept") : undefined;
          if (
            !(tapped !== undefined && tapped === ctx.data.missionId) &&
            !(input.kind === "text" && normalizeWords(input.text) === "accepter")
          ) {
            return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
          }
          if (dispatcher) {
            const result = await dispatcher
              .accept(ctx.data.missionId ?? "", driverOf(ctx))
              .catch((err: unknown): { outcome: "taken" } => {
                if (ConflictError.isInstance(err)) return { outcome: "taken" };
                throw err;
              });
            if (result.outcome === "taken") {
              return { ok: true, goto: "pick", clear: ["missionId", "reference"], say: ctx.t.driver.taken };
            }
            return {
              ok: true,
              set: { accepted: true, status: "accepted" },
              say: await acceptedText(result.mission, ctx),
            };
          }
          try {
            const m = await backend.missions.accept(ctx.data.missionId ?? "", driverOf(ctx), {
              idempotencyKey: ctx.messageId,
            });
            await notify(m, "accepted");
            return {
              ok: true,
              set: { accepted: true, status: "accepted" },
              say: await acceptedText(m, ctx),
            };
          } catch (err) {
            if (!ConflictError.isInstance(err)) throw err;
            return { ok: true, goto: "pick", clear: ["missionId", "reference"], say: ctx.t.driver.taken };
          }
        },
      },
      {
        id: "status",
        fills: ["nextStatus"],
        prompt: ({ t, data }) => ({
          type: "buttons",
          body: t.driver.askStatus(data.reference ?? "", t.missionStatus[data.status ?? "accepted"]),
          buttons: nextUpdates(data.status).map((u) => ({
            id: encodePayload("status", u),
            title: t.driver.statusButtons[u],
          })),
        }),
        parse: (input, ctx) => {
          const allowed = nextUpdates(ctx.data.status);
          const picked = pickOption(
            input,
            "status",
            allowed.map((u) => ({ id: u, title: ctx.t.driver.statusButtons[u] })),
          );
          if (!picked) return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
          // With dispatch, a delivery is proven (the recipient's code or a photo), not just tapped.
          if (picked === "delivered" && dispatcher) return { ok: true, set: { nextStatus: picked }, goto: "proof" };
          return { ok: true, set: { nextStatus: picked } };
        },
      },
      {
        id: "location",
        prompt: ({ t, data }) => ({
          type: "location_request",
          body: t.driver.askLocation(t.missionStatus[data.nextStatus ?? "accepted"]),
        }),
        parse: async (input, ctx) => {
          const skip =
            input.kind === "text" && ["passer", "skip", "sans position"].includes(normalizeWords(input.text));
          if (input.kind !== "location" && !skip) return { ok: false, error: ctx.nlu.explain("location", ctx.locale) };
          const status = ctx.data.nextStatus ?? "pickup_arrived";
          if (input.kind === "location") await dispatcher?.locate(driverOf(ctx), input);
          const m = await backend.missions.updateStatus(
            ctx.data.missionId ?? "",
            status,
            input.kind === "location" ? { location: { latitude: input.latitude, longitude: input.longitude } } : {},
            { idempotencyKey: ctx.messageId },
          );
          await followOrder(backend, m, status, { idempotencyKey: `${ctx.messageId}#order` });
          await notify(m, status);
          // The parcel left: its recipient gets the code the driver will ask for at the door.
          if (status === "in_transit") await dispatcher?.sendProofCode(m);
          if (status === "delivered") {
            // Conversions and the day's dispatch figures; a failing sink never fails the delivery.
            await dispatcher?.closed(m).catch(() => undefined);
            return { ok: true, set: { status }, goto: END };
          }
          return {
            ok: true,
            set: { status },
            clear: ["nextStatus"],
            goto: "status",
            say: ctx.t.driver.updated(ctx.t.missionStatus[status]),
          };
        },
      },
      ...(dispatcher ? [proofStep({ backend, dispatcher, notify })] : []),
    ],
    complete: ({ t, data }) => ({ type: "text", body: t.driver.delivered(data.reference ?? "") }),
  });
}
