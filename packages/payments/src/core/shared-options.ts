import { Agent, type Dispatcher } from "undici";
import { z } from "zod";
import type { PaymentsLogger } from "../logger.js";

/** An http(s) URL. */
export const httpUrl = z
  .string()
  .refine((v) => /^https?:\/\/[^/]/.test(v) && URL.canParse(v), "must be an http(s) URL");

/** Options both clients take, with their defaults. */
export const sharedOptionsSchema = {
  /** Time limit of one exchange (connection, headers and body), in ms. */
  timeoutMs: z.number().int().positive().default(30_000),
  /** Renew the access token this long before its announced expiry. */
  tokenRefreshMarginMs: z.number().int().min(0).default(60_000),
  dispatcher: z
    .custom<Dispatcher>(
      (v) => typeof v === "object" && v !== null && typeof (v as Dispatcher).request === "function",
      "must be an undici Dispatcher",
    )
    .optional(),
  /** Epoch ms, read to renew the token before its expiry; for tests. Default `Date.now`. */
  now: z.custom<() => number>((v) => typeof v === "function", "must be a function").optional(),
  logger: z
    .custom<PaymentsLogger>(
      (v) => typeof v === "object" && v !== null && typeof (v as PaymentsLogger).warn === "function",
      "must have debug, info, warn and error methods",
    )
    .optional(),
};

/** The dispatcher a client uses: the caller's, or a keep-alive Agent of its own. */
export function ownDispatcher(given: Dispatcher | undefined): Dispatcher {
  return given ?? new Agent({ keepAliveTimeout: 10_000, connections: 16 });
}
