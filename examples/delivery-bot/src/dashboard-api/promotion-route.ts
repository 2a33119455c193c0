import { z } from "zod";
import { noQuery } from "./params.ts";
import type { PromotionRequest } from "./promotion-port.ts";
import { type Answer, json, jsonError, route } from "./route.ts";

/** At most this many recipients named in one call (a broadcast to all opted-in customers names none). */
export const MAX_PROMOTION_RECIPIENTS = 1_000;

// A date alone is the whole of that day in Brazzaville (UTC+1, no daylight saving): the offer ends at its close.
const validUntil = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: "must be a date YYYY-MM-DD or an ISO date-time with its offset",
  })
  .transform((s) => new Date(s.length === 10 ? `${s}T23:59:59+01:00` : s));

/** An offer's name: the operator's idempotency key, or the one the bot derived (`promo_` and hex). */
const promotionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1 to 64 letters, digits, _ or -");

/** The body of `POST /promotions`: the `promotional_offer` template's variables and, optionally, who gets it. */
export const promotionBody = z.strictObject(
  {
    offer: z.string().trim().min(1, "must be a non-empty text").max(200, "must be at most 200 characters"),
    priceXaf: z.number({ error: "must be a number" }).int("must be whole francs").nonnegative("must be >= 0"),
    validUntil,
    imageUrl: z.url({ protocol: /^https$/, error: "must be an https URL" }).optional(),
    offerPath: z.string().min(1, "must be a non-empty text").max(100, "must be at most 100 characters").optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "must be a template language code such as fr or en_US")
      .optional(),
    recipients: z
      .array(z.string().regex(/^\d{6,20}$/, "must be a WhatsApp id (6 to 20 digits)"))
      .min(1, "must name at least one recipient (leave it out for every opted-in customer)")
      .max(MAX_PROMOTION_RECIPIENTS, `must name at most ${MAX_PROMOTION_RECIPIENTS} recipients`)
      .optional(),
    promotionId: promotionId.optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "unknown field" : undefined) },
);

const notConfigured = () =>
  jsonError(
    { error: "promotions_not_configured", message: "this server sends no promotions (no notifier given)" },
    503,
  );

/**
 * `POST /promotions` (admin only): records the offer and queues one job per recipient — the named
 * `recipients`, else every customer the bot knows to have opted in — then answers 202 with the offer's id.
 * The jobs send through the notifier's consent gate; `GET /promotions/{id}` reads what they did.
 */
export const PROMOTION_ROUTE = route({
  method: "POST",
  pattern: /^\/promotions$/,
  query: noQuery,
  body: promotionBody,
  // Marketing speaks for the whole operation to its customers: a merchant's token may not.
  adminOnly: true,
  async run({ body, promotions }): Promise<Answer> {
    if (promotions === undefined) return notConfigured();
    const request: PromotionRequest = body;
    // 202: accepted and durable (a crash does not lose the rest), sent by the jobs after this answer.
    return json(await promotions.send(request), 202);
  },
});

/** `GET /promotions/{id}` (admin only): an offer's counts so far — pending, sent, skipped by reason, failed. */
export const PROMOTION_STATUS_ROUTE = route({
  pattern: /^\/promotions\/([^/]+)$/,
  query: noQuery,
  param: { schema: promotionId, field: "id" },
  adminOnly: true,
  async run({ param, promotions }): Promise<Answer> {
    if (promotions === undefined) return notConfigured();
    const status = await promotions.status(param ?? "");
    if (status === undefined) return jsonError({ error: "not_found", message: "no promotion with this id" }, 404);
    return json(status);
  },
});
