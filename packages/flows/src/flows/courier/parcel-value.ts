import { z } from "zod";

// The declared value of a parcel is read in three places (the chat step, the form's answers, the
// form endpoint); the default ceiling and what counts as a value are stated once, here.

/** Highest declared parcel value accepted when `maxParcelValue` is not given, XAF. */
export const DEFAULT_MAX_PARCEL_VALUE = 5_000_000;

/**
 * The `maxParcelValue` option of the courier flow and of its form endpoint, with its default: a whole
 * number of XAF, {@link DEFAULT_MAX_PARCEL_VALUE} when absent.
 */
export const maxParcelValueSchema = z.number().int().nonnegative().default(DEFAULT_MAX_PARCEL_VALUE);

/** Whether `value` is a declarable parcel value: a whole number of XAF from 0 to `max`. */
export const isParcelValue = (value: number, max: number): boolean =>
  Number.isInteger(value) && value >= 0 && value <= max;
