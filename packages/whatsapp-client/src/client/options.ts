import type { Dispatcher } from "undici";
import { z } from "zod";
import type { Logger } from "../logger.js";
import { loggerSchema, validate } from "../validation.js";
import type { SendLimiter } from "./limiter.js";
import type { RetryOptions } from "./retry.js";

/** The Graph API version used when none is given. */
export const DEFAULT_API_VERSION = "v23.0";
/** The Graph API host. */
export const DEFAULT_BASE_URL = "https://graph.facebook.com";

/** Options of {@link WhatsAppClient}. */
export interface WhatsAppClientOptions {
  /** A system-user or temporary access token. Never logged, never put in an error. */
  accessToken: string;
  /** The business phone number id (not the phone number itself). */
  phoneNumberId: string;
  /**
   * The WhatsApp Business Account (WABA) id, from the app dashboard. Needed only
   * by the template and Flows management calls, which act on the account, not
   * on one number; they throw a validation error naming this field without it.
   */
  businessAccountId?: string;
  /** Graph API version, e.g. `"v23.0"` (the default). */
  apiVersion?: string;
  /** Graph API origin (and optional path prefix). Defaults to `https://graph.facebook.com`. */
  baseUrl?: string;
  /** Backoff policy; defaults `{ maxRetries: 3, baseDelayMs: 250, maxDelayMs: 8000, retryAmbiguous: false }`. */
  retry?: RetryOptions;
  /** Applied per business number and per recipient before each send; the send waits when not allowed. */
  limiter?: SendLimiter;
  /** An undici dispatcher (Agent, Pool, ProxyAgent, MockAgent). Defaults to a keep-alive Agent owned by the client. */
  dispatcher?: Dispatcher;
  /** Time limit of one attempt (connection, headers and body together), in ms. Default 30000. */
  timeoutMs?: number;
  /** Country of recipients written without a country code. Default `"CG"`. */
  defaultCountry?: string;
  /** Receives retry warnings; silent by default. */
  logger?: Logger;
}

const optionsSchema = z.object({
  accessToken: z.string().min(1),
  phoneNumberId: z.string().regex(/^\d{1,30}$/, "digits only (the phone number id from the app dashboard)"),
  businessAccountId: z
    .string()
    .regex(/^\d{1,30}$/, "digits only (the WhatsApp Business Account id from the app dashboard)")
    .optional(),
  apiVersion: z
    .string()
    .regex(/^v\d+\.\d+$/, "a Graph API version such as v23.0")
    .default(DEFAULT_API_VERSION),
  baseUrl: z
    .string()
    .refine((v) => /^https?:\/\/[^/]/.test(v) && URL.canParse(v), "must be an http(s) URL")
    .default(DEFAULT_BASE_URL),
  retry: z
    .strictObject({
      maxRetries: z.number().int().min(0).max(20).default(3),
      baseDelayMs: z.number().min(0).default(250),
      maxDelayMs: z.number().min(0).default(8000),
      retryAmbiguous: z.boolean().default(false),
      maxElapsedMs: z.number().int().positive().optional(),
    })
    // prefault: an absent `retry` is parsed as `{}`, so the defaults above are the only ones.
    .prefault({}),
  limiter: z
    .custom<SendLimiter>(
      (v) => typeof v === "object" && v !== null && typeof (v as SendLimiter).consume === "function",
      "must have a consume(key) method",
    )
    .optional(),
  dispatcher: z
    .custom<Dispatcher>(
      (v) => typeof v === "object" && v !== null && typeof (v as Dispatcher).request === "function",
      "must be an undici Dispatcher",
    )
    .optional(),
  timeoutMs: z.number().int().positive().default(30_000),
  defaultCountry: z.string().length(2).default("CG"),
  logger: loggerSchema.optional(),
});

export type ResolvedOptions = z.output<typeof optionsSchema>;

/** Validates the options and fills in the defaults, in one place. */
export function resolveOptions(options: WhatsAppClientOptions): ResolvedOptions {
  return validate(optionsSchema, options, "options");
}
