// Mobile Money (issue 21): MTN MoMo and Airtel Money credentials. Each provider is on when its credentials
// are all set, and a partial set stops the bot naming what is missing (never the values).
import { optional, url } from "@toktok-example/shared";
import { z } from "zod";

const secret = optional(z.string().trim().min(1));

/** The Mobile Money variables of the bot's configuration. */
export const paymentVariables = {
  /** The Collections product key (MTN partner portal, or momodeveloper.mtn.com for the sandbox). */
  MTN_MOMO_SUBSCRIPTION_KEY: secret,
  /** The API user (a UUID) and its key, provisioned for that subscription key. */
  MTN_MOMO_API_USER: secret,
  MTN_MOMO_API_KEY: secret,
  /** `mtncongo` in production in Congo, `sandbox` with sandbox keys. */
  MTN_MOMO_TARGET_ENVIRONMENT: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+$/, "MTN_MOMO_TARGET_ENVIRONMENT must be e.g. mtncongo or sandbox")
    .default("mtncongo"),
  MTN_MOMO_BASE_URL: optional(url("MTN_MOMO_BASE_URL", ["http:", "https:"])),
  /** The Airtel Money application's client id and secret (developers.airtel.africa). */
  AIRTEL_MONEY_CLIENT_ID: secret,
  AIRTEL_MONEY_CLIENT_SECRET: secret,
  AIRTEL_MONEY_BASE_URL: optional(url("AIRTEL_MONEY_BASE_URL", ["http:", "https:"])),
  /**
   * The private key Airtel signs callbacks with when callback authentication is on for the application: a
   * callback without the matching `hash` is dropped before any status query (callbacks never settle alone).
   */
  AIRTEL_MONEY_CALLBACK_SECRET: secret,
  /**
   * The bot's public origin, e.g. `https://bot.example.cg`: MTN calls back `<origin>/payments/mtn` (its host
   * must be the callback host registered for the API user). Airtel's callback URL is set on the application
   * (`<origin>/payments/airtel`). Without it the bot polls only.
   */
  PAYMENTS_PUBLIC_URL: optional(url("PAYMENTS_PUBLIC_URL", ["https:", "http:"])),
};

const MTN = ["MTN_MOMO_SUBSCRIPTION_KEY", "MTN_MOMO_API_USER", "MTN_MOMO_API_KEY"] as const;
const AIRTEL = ["AIRTEL_MONEY_CLIENT_ID", "AIRTEL_MONEY_CLIENT_SECRET"] as const;

/** A provider's credentials are all set or all absent. */
export function checkPaymentVariables(env: Partial<Record<string, unknown>>, ctx: z.RefinementCtx): void {
  for (const group of [MTN, AIRTEL]) {
    const set = group.filter((name) => env[name] !== undefined);
    if (set.length === 0 || set.length === group.length) continue;
    for (const name of group.filter((n) => env[n] === undefined)) {
      ctx.addIssue({ code: "custom", path: [name], message: `${name} is required with ${set.join(", ")}` });
    }
  }
}
