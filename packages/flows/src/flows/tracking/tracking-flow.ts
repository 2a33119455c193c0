import type { TokTokBackend } from "../../backend/types.js";
import type { Dispatcher } from "../../dispatch/dispatcher.js";
import { defineFlow, type Flow } from "../../engine/types.js";
import { encodePayload } from "../../messaging/payloads.js";
import { clip } from "../../messaging/reply.js";
import { missionTimeline, orderTimeline } from "../../notifications/timeline.js";
import { pickOption } from "../shared/choice.js";

/** What the tracking flow collects. */
export interface TrackingData {
  reference: string;
}

/** Options of {@link trackingFlow}. */
export interface TrackingFlowOptions {
  backend: TokTokBackend;
  /** Adds the driver's last known position (a pin) and the ETA to a running mission's timeline. */
  dispatcher?: Pick<Dispatcher, "whereIs">;
}

const referencePattern = /\b(COUR|CMD)-\d{8}-\d{3,}\b/i;

/** The reference (`COUR-…` or `CMD-…`) a text mentions, upper-cased. */
export function findReference(text: string): string | undefined {
  return referencePattern.exec(text)?.[0].toUpperCase();
}

/**
 * Tracking: the 7-status timeline (✅ done, 🔵 now, ⚪ to come) of a mission, with route,
 * recipient, value and driver, or an order's timeline. "suivi COUR-20261121-061" answers at once.
 */
export function trackingFlow(options: TrackingFlowOptions): Flow {
  const { backend, dispatcher } = options;
  const recent = async (phone: string) => {
    const [missions, orders] = await Promise.all([
      backend.missions.list({ clientPhone: phone }),
      backend.orders.list({ clientPhone: phone }),
    ]);
    return [
      ...missions.map((m) => ({ id: m.reference, title: m.reference, at: m.createdAt })),
      ...orders.map((o) => ({ id: o.reference, title: o.reference, at: o.createdAt })),
    ]
      .sort((a, b) => b.at.localeCompare(a.at))
      .slice(0, 10);
  };
  return defineFlow<TrackingData>({
    id: "tracking",
    menuTitle: (t) => t.tracking.menuTitle,
    menuDescription: (t) => t.tracking.menuDescription,
    intents: ["track"],
    progress: false,
    extract: (text) => {
      const reference = findReference(text);
      return reference ? { reference } : {};
    },
    steps: [
      {
        id: "reference",
        fills: ["reference"],
        prompt: async ({ t, userId }) => {
          const mine = await recent(userId);
          if (mine.length === 0) return { type: "text", body: t.tracking.askReference };
          return {
            type: "list",
            body: t.tracking.recentBody,
            button: t.tracking.recentButton,
            sections: [{ rows: mine.map((r) => ({ id: encodePayload("track", r.id), title: clip(r.title, 24) })) }],
          };
        },
        parse: async (input, ctx) => {
          const reference =
            input.kind === "text" ? findReference(input.text) : pickOption(input, "track", await recent(ctx.userId));
          if (!reference) return { ok: false, error: ctx.t.tracking.badReference };
          const found = reference.startsWith("CMD")
            ? await backend.orders.get(reference)
            : await backend.missions.get(reference);
          if (!found) return { ok: false, error: ctx.t.tracking.badReference };
          return { ok: true, set: { reference } };
        },
      },
    ],
    complete: async ({ data, t, locale }) => {
      const reference = data.reference ?? "";
      if (reference.startsWith("CMD")) {
        const order = await backend.orders.get(reference);
        return { type: "text", body: order ? orderTimeline(order, t, locale) : t.tracking.badReference };
      }
      const mission = await backend.missions.get(reference);
      if (!mission) return { type: "text", body: t.tracking.badReference };
      // Where the parcel is: a failed position lookup still leaves the timeline.
      const where = (await dispatcher?.whereIs(mission).catch(() => [])) ?? [];
      return [{ type: "text", body: missionTimeline(mission, t, locale) }, ...where];
    },
  });
}
