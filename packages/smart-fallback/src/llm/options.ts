import type { CountryCode } from "libphonenumber-js/max";
import { z } from "zod";
import { type Logger, silentLogger } from "../logger.js";
import { resolveCountry } from "../phone/country.js";
import { parseOptions, withMethods } from "../validate-options.js";
import type { ModelPricing } from "./pricing.js";
import type { OpenAIChatClient, SmartFallbackCache } from "./types.js";

/** Options of {@link SmartFallback}. */
export interface SmartFallbackOptions {
  /** A ready client (an `OpenAI` instance or any object with `chat.completions.parse`). */
  openai?: OpenAIChatClient;
  /** API key used to create an `openai` client lazily when `openai` is not given. */
  apiKey?: string;
  /** Base URL of an OpenAI-compatible server, e.g. `https://openrouter.ai/api/v1`. */
  baseURL?: string;
  /** Model name (default `"gpt-4o-mini"`; on OpenRouter e.g. `"openai/gpt-4o-mini"`). */
  model?: string;
  /** Cache of model answers, keyed by model and text. */
  cache?: SmartFallbackCache;
  /** How long a model answer stays cached, in ms (default 24 h). */
  cacheTtlMs?: number;
  /** Fields whose confidence is below this go to the model (default 0.7). */
  minConfidence?: number;
  /** Budget of one model call in ms (default 8000). */
  timeoutMs?: number;
  /** Retries of the created client on 429/5xx (default 0: a chat user is waiting). */
  maxRetries?: number;
  /** Country of numbers written without "+" or "00" (default `"CG"`). */
  defaultCountry?: CountryCode;
  /** Price of the model, for `stats().costUsd`; known for common OpenAI models. */
  pricing?: ModelPricing;
  logger?: Logger;
}

// Defaults live here and nowhere else; the resolved type is what this schema outputs.
const schema = z.object({
  openai: z
    .custom<OpenAIChatClient>(
      (v) =>
        typeof (v as { chat?: { completions?: { parse?: unknown } } } | null)?.chat?.completions?.parse === "function",
      "must be an OpenAI client",
    )
    .optional(),
  apiKey: z.string().min(1).optional(),
  baseURL: z.url().optional(),
  model: z.string().min(1).default("gpt-4o-mini"),
  cache: withMethods<SmartFallbackCache>(["get", "set"], "must have get(key) and set(key, value, { ttl })").optional(),
  cacheTtlMs: z
    .number()
    .int()
    .positive()
    .default(24 * 60 * 60 * 1000),
  minConfidence: z.number().min(0).max(1).default(0.7),
  timeoutMs: z.number().int().positive().default(8000),
  maxRetries: z.number().int().min(0).max(10).default(0),
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as CG")
    .default("CG")
    .transform((code) => resolveCountry(code)),
  pricing: z
    .object({ inputPerMillionTokens: z.number().nonnegative(), outputPerMillionTokens: z.number().nonnegative() })
    .optional(),
  logger: withMethods<Logger>(["debug", "info", "warn", "error"], "must have debug, info, warn and error").default(
    silentLogger,
  ),
});

/** The options with every default applied, as {@link resolveOptions} returns them. */
export type ResolvedOptions = z.output<typeof schema>;

/** Validates options (naming the offending field, never echoing the key) and applies defaults. */
export function resolveOptions(options: SmartFallbackOptions = {}): ResolvedOptions {
  return parseOptions(schema, options);
}
