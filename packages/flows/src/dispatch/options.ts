import { z } from "zod";
import { LOCALES } from "../sessions/types.js";

/**
 * How long before a planned pickup its mission is offered to drivers, ms: the default of `offerLeadMs`,
 * also what the drivers' list uses when the bot runs without dispatch.
 */
export const DEFAULT_OFFER_LEAD_MS = 30 * 60_000;

/** Dispatch settings, with their defaults written once here. */
export const dispatchSettingsSchema = z.object({
  /** First offer radius around the pickup, km. */
  radiusKm: z.number().positive().default(5),
  /** Drivers offered a mission per round. */
  fanOut: z.number().int().positive().max(50).default(3),
  /** Wait before offering to more drivers, ms. */
  reofferAfterMs: z.number().int().positive().default(60_000),
  /** Each new round multiplies the radius by this. */
  widenFactor: z.number().min(1).default(2),
  /** Rounds of offers before dispatch stops widening (the mission stays open in the drivers' list). */
  maxRounds: z.number().int().positive().max(20).default(3),
  /** Average driving speed for ETAs, km/h. */
  speedKmh: z.number().positive().default(20),
  /**
   * The delivery promise, minutes after the driver can start, of a mission whose ride cannot be measured
   * (its pickup or destination is a typed address, without GPS): it is shown to the customer ("environ
   * 45 min") and checked for lateness like a measured one.
   */
  defaultEtaMinutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .default(45),
  /** How far past its ETA a mission counts late and the customer is told (`delivery_delayed`), ms. */
  lateMarginMs: z
    .number()
    .int()
    .nonnegative()
    .default(10 * 60_000),
  /** A mission rescheduled to a later pickup is offered to drivers this long before it, ms. */
  offerLeadMs: z.number().int().nonnegative().default(DEFAULT_OFFER_LEAD_MS),
  /** The customer of a rescheduled mission is reminded (`mission_reminder`) this long before the pickup, ms. */
  reminderLeadMs: z
    .number()
    .int()
    .nonnegative()
    .default(60 * 60_000),
  /**
   * A driver not seen for this long (no position shared, "Mes missions" not opened) gets no offer until
   * he shows up again, ms: a phone left online overnight is not offered the morning's missions.
   */
  presenceTtlMs: z
    .number()
    .int()
    .positive()
    .default(2 * 3_600_000),
  /** How long offers and claims are remembered, ms. */
  memoryMs: z
    .number()
    .int()
    .positive()
    .default(24 * 3_600_000),
  locale: z.enum(LOCALES).default("fr"),
  /** Language code of the approved templates. Default: the locale. */
  templateLanguage: z.string().min(2).optional(),
});

/** The resolved settings. */
export type DispatchSettings = z.output<typeof dispatchSettingsSchema>;
