import { z } from "zod";
import { SmartFallbackValidationError } from "../errors.js";
import { type Logger, silentLogger } from "../logger.js";
import { parseOptions, withMethods } from "../validate-options.js";

/** Options of {@link createTranscriber}. */
export interface TranscriberOptions {
  /**
   * Base URL of an OpenAI-compatible server (the same as the LLM path's `baseURL`), e.g.
   * `http://127.0.0.1:8000/v1` for a self-hosted Whisper server. Default `https://api.openai.com/v1`.
   */
  baseURL?: string;
  /** Sent as `Authorization: Bearer …`; required for OpenAI, optional for a server without authentication. */
  apiKey?: string;
  /** Transcription model. Default `"whisper-1"`. */
  model?: string;
  /** ISO-639-1 language of the speech, which improves accuracy and latency. Default `"fr"`. */
  language?: string;
  /** Budget of one transcription request, in ms. Default 30 000. */
  timeoutMs?: number;
  /** Largest audio accepted, in bytes; larger files are refused before any request. Default 25 MB (OpenAI's limit). */
  maxBytes?: number;
  /** The `fetch` to call. Default the global one. */
  fetch?: typeof fetch;
  logger?: Logger;
}

/** OpenAI's upload limit for `/audio/transcriptions`. */
export const DEFAULT_MAX_AUDIO_BYTES = 25 * 1024 * 1024;
const OPENAI_BASE_URL = "https://api.openai.com/v1";

const schema = z.object({
  baseURL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  apiKey: z.string().min(1, "must not be empty").optional(),
  model: z.string().min(1, "must not be empty").default("whisper-1"),
  language: z
    .string()
    .regex(/^[a-z]{2}$/, "must be an ISO-639-1 code such as fr")
    .default("fr"),
  timeoutMs: z.number().int().positive().default(30_000),
  maxBytes: z.number().int().positive().default(DEFAULT_MAX_AUDIO_BYTES),
  // A factory: zod calls a function given to `default`, so the global fetch is read when options are resolved.
  fetch: z.custom<typeof fetch>((v) => typeof v === "function", "must be a function").default(() => globalThis.fetch),
  logger: withMethods<Logger>(["debug", "info", "warn", "error"], "must have debug, info, warn and error").default(
    silentLogger,
  ),
});

/** {@link TranscriberOptions} with their defaults applied (the schema's output, the URL made the endpoint's). */
export type ResolvedTranscriberOptions = Omit<z.output<typeof schema>, "baseURL"> & { endpoint: string };

/** Validates options (naming the offending field, never echoing the key) and applies defaults. */
export function resolveTranscriberOptions(options: TranscriberOptions): ResolvedTranscriberOptions {
  const o = parseOptions(schema, { ...options });
  // OpenAI always wants a key; only a server of your own may go without.
  if (o.baseURL === undefined && o.apiKey === undefined) {
    throw new SmartFallbackValidationError("apiKey", "required unless baseURL points at a server of your own");
  }
  return {
    endpoint: `${(o.baseURL ?? OPENAI_BASE_URL).replace(/\/+$/, "")}/audio/transcriptions`,
    apiKey: o.apiKey,
    model: o.model,
    language: o.language,
    timeoutMs: o.timeoutMs,
    maxBytes: o.maxBytes,
    fetch: o.fetch,
    logger: o.logger,
  };
}
