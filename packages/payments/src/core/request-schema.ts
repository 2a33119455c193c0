import { z } from "zod";
import type { PaymentRequest } from "./types.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The fields of a {@link PaymentRequest} and their rules. */
export const paymentRequestFields = {
  id: z.string().regex(UUID_V4, "must be a UUID v4 (MTN's X-Reference-Id)"),
  amount: z.number().positive().finite(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as XAF")
    .optional(),
  payer: z.string().min(1),
  // MTN refuses an empty payerMessage/payeeNote in production and caps both at 160 characters.
  description: z.string().trim().min(1).max(160),
  externalId: z.string().min(1).max(64).optional(),
};

/** The rule across fields: XAF has no minor unit. */
export const wholeXaf: [
  (r: { currency?: string | undefined; amount: number }) => boolean,
  { message: string; path: PropertyKey[] },
] = [
  (r) => r.currency !== "XAF" || Number.isInteger(r.amount),
  { message: "XAF has no minor unit: must be a whole number of FCFA", path: ["amount"] },
];

/** The rules every provider applies to a {@link PaymentRequest} before sending anything. */
export const paymentRequestSchema = z.strictObject(paymentRequestFields).refine(...wholeXaf);

/** The payment's amount as providers write it: a decimal string without exponent, at most 2 decimals. */
export function amountString(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
}

/** Reads a provider's amount (`"7500"` or `7500`) back into a number; `undefined` when unreadable. */
export function parseAmount(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
