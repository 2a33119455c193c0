import { allMissionStatuses, allOrderStatuses, paymentMethods } from "@toktok/flows";
import { z } from "zod";

// The body a backend POSTs. Mission and order follow the shapes of @toktok/flows (the same
// objects the bot's backend port returns), so a Django serializer maps onto them field by field.

const xaf = z.number().int("must be a whole number of FCFA").nonnegative();
const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "must be an ISO 8601 date");
const phone = z.string().regex(/^\+?\d{8,15}$/, "must be a phone number in international form, e.g. +242061234567");
const place = z.object({
  address: z.string().min(1).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
});
const missionStatus = z.enum(allMissionStatuses);
const orderStatus = z.enum(allOrderStatuses);
const location = z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) });

const mission = z.object({
  id: z.string().min(1),
  reference: z.string().min(1),
  clientPhone: phone,
  clientName: z.string().min(1).optional(),
  pickup: place,
  destination: place,
  parcelValue: xaf,
  description: z.string(),
  recipient: z.object({ name: z.string().min(1), phone }),
  price: xaf,
  status: missionStatus,
  driver: z
    .object({ id: z.string().min(1), name: z.string().min(1), phone, vehicle: z.string().min(1).optional() })
    .optional(),
  history: z.array(z.object({ status: missionStatus, at: isoDate, location: location.optional() })).default([]),
  createdAt: isoDate,
});

const order = z.object({
  id: z.string().min(1),
  reference: z.string().min(1),
  clientPhone: phone,
  merchantId: z.string().min(1),
  merchantName: z.string().min(1),
  items: z
    .array(
      z.object({
        productId: z.string().min(1),
        name: z.string().min(1),
        unitPrice: xaf,
        quantity: z.number().int().positive(),
      }),
    )
    .min(1),
  subtotal: xaf,
  deliveryFee: xaf,
  total: xaf,
  address: place,
  payment: z.enum(paymentMethods),
  status: orderStatus,
  history: z.array(z.object({ status: orderStatus, at: isoDate, location: location.optional() })).default([]),
  createdAt: isoDate,
});

const eventId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.:-]+$/, "letters, digits and . _ : - only");

/** A status-change event: what changed and the object after the change. */
export const relayEventSchema = z.discriminatedUnion("type", [
  z.object({
    eventId,
    type: z.literal("mission.status_changed"),
    occurredAt: isoDate.optional(),
    mission,
    /** The new status; default `mission.status`. */
    status: missionStatus.optional(),
  }),
  z.object({
    eventId,
    type: z.literal("order.status_changed"),
    occurredAt: isoDate.optional(),
    order,
    status: orderStatus.optional(),
    /** The merchant's WhatsApp number: new orders (`pending`) are announced to the merchant too. */
    merchantPhone: phone.optional(),
  }),
]);

/** A validated event. */
export type RelayEvent = z.infer<typeof relayEventSchema>;

/** The first problem of an invalid body, as `{ field, rule }` (the field's dotted path). */
export function firstIssue(error: z.ZodError): { field: string; rule: string } {
  const issue = error.issues[0];
  return { field: issue?.path.join(".") || "body", rule: issue?.message ?? "invalid" };
}
