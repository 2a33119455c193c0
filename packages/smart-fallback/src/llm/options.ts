import type { CountryCode } from "libphonenumber-js/max";
import { z } from "zod";
import { SmartFallbackValidationError } from "../errors.js";
import { type Logger, silentLogger } from "../logger.js";
import { resolveCountry } from "../phone/country.js";
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

export interface ResolvedOptions {
  openai: OpenAIChatClient | undefined;
  apiKey: string | undefined;
  baseURL: string | undefined;
  model: string;
  cache: SmartFallbackCache | undefined;
  cacheTtlMs: number;
  minConfidence: number;
  timeoutMs: number;
  maxRetries: number;
  defaultCountry: CountryCode;
  pricing: ModelPricing | undefined;
  logger: Logger;
}

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === "function", "must be a function");

const schema = z.object({
  openai: z.object({ chat: z.object({ completions: z.object({ parse: fn }) }) }, "must be an OpenAI client").optional(),
  apiKey: z.string().min(1).optional(),
  baseURL: z.url().optional(),
  model: z.string().min(1).optional(),
  cache: z.object({ get: fn, set: fn }, "must have get(key) and set(key, value, { ttl })").optional(),
  cacheTtlMs: z.number().int().positive().optional(),
  minConfidence: z.number().min(0).max(1).optional(),
  timeoutMs: z.number().int().positive().optional(),
  maxRetries: z.number().int().min(0).max(10).optional(),
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as CG")
    .optional(),
  pricing: z
    .object({ inputPerMillionTokens: z.number().nonnegative(), outputPerMillionTokens: z.number().nonnegative() })
    .optional(),
  logger: z.object({ debug: fn, info: fn, warn: fn, error: fn }, "must have debug, info, warn and error").optional(),
});

/** Validates options (naming the offending field, never echoing the key) and applies defaults. */
export function resolveOptions(options: SmartFallbackOptions = {}): ResolvedOptions {
  // Validate a shallow copy: zod must not strip or clone the caller's client object.
  const result = schema.safeParse({ ...options });
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join(".") || "options";
    throw new SmartFallbackValidationError(field, issue?.message ?? "invalid value");
  }
  return {
    openai: options.openai,
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    model: options.model ?? "gpt-4o-mini",
    cache: options.cache,
    cacheTtlMs: options.cacheTtlMs ?? 24 * 60 * 60 * 1000,
    minConfidence: options.minConfidence ?? 0.7,
    timeoutMs: options.timeoutMs ?? 8000,
    maxRetries: options.maxRetries ?? 0,
    defaultCountry: resolveCountry(options.defaultCountry),
    pricing: options.pricing,
    logger: options.logger ?? silentLogger,
  };
}
