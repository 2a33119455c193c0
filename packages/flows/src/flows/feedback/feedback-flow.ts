import type { Mission, TokTokBackend } from "../../backend/types.js";
import { normalizeWords } from "../../engine/commands.js";
import { defineFlow, type Flow } from "../../engine/types.js";
import type { UserInput } from "../../messaging/inbound.js";
import { encodePayload, payloadValue } from "../../messaging/payloads.js";
import type { Reply } from "../../messaging/reply.js";
import type { Locale } from "../../sessions/types.js";
import { feedbackTexts } from "./texts.js";
import type { FeedbackSink } from "./types.js";

/** What the feedback flow collects. */
export interface FeedbackData {
  missionId: string;
  reference: string;
  rating: number;
  comment: string;
}

/** Options of {@link feedbackFlow}. */
export interface FeedbackFlowOptions {
  backend: TokTokBackend;
  sink: FeedbackSink;
}

const grades = { good: 5, ok: 3, bad: 1 } as const;
const digits = (phone: string) => phone.replace(/\D/g, "");
const SKIP = new Set(["passer", "skip", "non", "no", "rien", "aucun"]);

/** The rating buttons of a delivered mission: the `feedback_request` template's payloads. */
export function ratingButtons(reference: string, driver: string | undefined, locale: Locale): Reply {
  const t = feedbackTexts[locale];
  return {
    type: "buttons",
    body: t.ask(reference, driver),
    buttons: (["good", "ok", "bad"] as const).map((g) => ({
      id: encodePayload("feedback", `${reference}:${g}`),
      title: t[g],
    })),
  };
}

/** A rating from a button (`feedback:<ref>:good`) of the given mission, or a typed 1–5 / stars. */
function readRating(input: UserInput, reference: string | undefined, typedAlone: boolean): number | undefined {
  if (input.kind === "choice") {
    const v = payloadValue(input.id, "feedback");
    const cut = v?.lastIndexOf(":") ?? -1;
    if (!v || cut < 0 || (reference !== undefined && v.slice(0, cut) !== reference)) return undefined;
    return grades[v.slice(cut + 1) as keyof typeof grades];
  }
  if (input.kind !== "text") return undefined;
  const text = input.text.trim();
  const stars = [...text].filter((c) => c === "⭐").length;
  if (stars >= 1 && stars <= 5 && text.replace(/⭐|\s/g, "") === "") return stars;
  // A bare digit is read only as the answer to the question; unprompted it must say it is a rating.
  const m = (
    typedAlone
      ? /^([1-5])(?:\s*\/\s*5|\s*(?:étoiles?|etoiles?|stars?))?$/i
      : /^([1-5])\s*(?:\/\s*5|étoiles?|etoiles?|stars?)$/i
  ).exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * Feedback after a delivery: a rating (the buttons of the session message or of the `feedback_request`
 * template, or a typed 1–5) and an optional comment, recorded per mission and driver in `sink`. A rating
 * button starts it at any time; "5/5" or "⭐⭐⭐⭐" typed by an idle customer rates their latest delivery.
 */
export function feedbackFlow(options: FeedbackFlowOptions): Flow {
  const { backend, sink } = options;
  const latestDelivered = async (phone: string): Promise<Mission | undefined> => {
    const mine = await backend.missions.list({ clientPhone: phone, status: "delivered" });
    return mine.sort((a, b) => (b.history.at(-1)?.at ?? "").localeCompare(a.history.at(-1)?.at ?? ""))[0];
  };
  const ownDelivered = async (reference: string, userId: string) => {
    const m = await backend.missions.get(reference);
    return m && m.status === "delivered" && digits(m.clientPhone) === digits(userId) ? m : undefined;
  };
  return defineFlow<FeedbackData>({
    id: "feedback",
    progress: false,
    opensWith: async (input, ctx) => {
      if (input.kind === "choice") {
        const v = payloadValue(input.id, "feedback");
        const mission = v ? await ownDelivered(v.slice(0, v.lastIndexOf(":")), ctx.userId) : undefined;
        const rating = mission ? readRating(input, mission.reference, false) : undefined;
        if (!mission || rating === undefined) return undefined;
        return { data: { missionId: mission.id, reference: mission.reference, rating }, step: "comment" };
      }
      const rating = readRating(input, undefined, false);
      if (rating === undefined) return undefined;
      const mission = await latestDelivered(ctx.userId);
      return mission
        ? { data: { missionId: mission.id, reference: mission.reference, rating }, step: "comment" }
        : undefined;
    },
    start: async (ctx) => {
      if (ctx.data.missionId) return {};
      const mission = await latestDelivered(ctx.userId);
      return mission ? { missionId: mission.id, reference: mission.reference } : {};
    },
    steps: [
      {
        id: "rating",
        fills: ["rating"],
        extract: false,
        prompt: async ({ data, locale }) => {
          if (!data.reference) return { type: "text", body: feedbackTexts[locale].nothingToRate };
          const mission = await backend.missions.get(data.reference);
          return ratingButtons(data.reference, mission?.driver?.name, locale);
        },
        parse: (input, ctx) => {
          const rating = readRating(input, ctx.data.reference, true);
          return rating === undefined
            ? { ok: false, error: feedbackTexts[ctx.locale].badRating }
            : { ok: true, set: { rating } };
        },
      },
      {
        id: "comment",
        fills: ["comment"],
        extract: false,
        prompt: ({ data, locale }) => ({ type: "text", body: feedbackTexts[locale].askComment(data.rating ?? 0) }),
        parse: (input) => {
          if (input.kind !== "text") return { ok: true, set: { comment: "" } };
          const text = input.text.trim().slice(0, 1000);
          return { ok: true, set: { comment: SKIP.has(normalizeWords(text)) ? "" : text } };
        },
      },
    ],
    complete: async ({ data, userId, now, locale }) => {
      const mission = data.missionId ? await backend.missions.get(data.missionId) : undefined;
      if (!mission || data.rating === undefined) return { type: "text", body: feedbackTexts[locale].nothingToRate };
      await sink.recordFeedback({
        missionId: mission.id,
        reference: mission.reference,
        clientPhone: digits(userId),
        ...(mission.driver ? { driverId: mission.driver.id, driverName: mission.driver.name } : {}),
        rating: data.rating,
        ...(data.comment ? { comment: data.comment } : {}),
        at: now.toISOString(),
      });
      return { type: "text", body: feedbackTexts[locale].thanks };
    },
  });
}
