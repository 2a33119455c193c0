import {
  LlmRateLimitError,
  LlmRequestError,
  LlmResponseError,
  LlmTimeoutError,
  SmartFallbackAbortError,
  SmartFallbackValidationError,
} from "../errors.js";
import { baseMimeType, extensionOf, TRANSCRIBABLE_TYPES } from "./audio-formats.js";
import { resolveTranscriberOptions, type TranscriberOptions } from "./transcriber-options.js";

/** Audio to transcribe. */
export interface AudioInput {
  /** The bytes, e.g. a WhatsApp voice note as downloaded. */
  data: Uint8Array | ArrayBuffer | Blob;
  /** e.g. `audio/ogg; codecs=opus`; must be one the endpoint reads (see {@link Transcriber.accepts}). */
  mimeType: string;
  /** File name sent with the upload. Default `audio.<extension of the type>`. */
  filename?: string;
}

/** Per-call options of {@link Transcriber.transcribe}. */
export interface TranscribeCallOptions {
  signal?: AbortSignal;
  /** ISO-639-1 language of this audio, instead of the transcriber's. */
  language?: string;
}

/** What the endpoint heard. */
export interface Transcription {
  /** The transcript, trimmed (empty when nothing was said). */
  text: string;
  /** The model that answered. */
  model: string;
}

/** Speech to text through an OpenAI-compatible `/audio/transcriptions` endpoint. */
export interface Transcriber {
  /** The model asked. */
  readonly model: string;
  /** Largest audio accepted, in bytes. */
  readonly maxBytes: number;
  /** True when the endpoint reads this MIME type (WhatsApp's `audio/ogg; codecs=opus` is). */
  accepts(mimeType: string): boolean;
  /**
   * Transcribes one audio file.
   * @throws {SmartFallbackValidationError} `audio.mimeType` (a type the endpoint does not read),
   * `audio.size` (over `maxBytes`) or `audio.data` (empty or not bytes), before any request.
   * @throws {LlmTimeoutError} past `timeoutMs`; {@link SmartFallbackAbortError} when `signal` aborts.
   * @throws {LlmRateLimitError} on HTTP 429; {@link LlmRequestError} on another HTTP error or a
   * network failure; {@link LlmResponseError} when the answer holds no text.
   */
  transcribe(audio: AudioInput, options?: TranscribeCallOptions): Promise<Transcription>;
}

async function toBlob(audio: AudioInput): Promise<Blob> {
  const { data } = audio;
  if (data instanceof Blob) return data;
  if (data instanceof Uint8Array) return new Blob([data as Uint8Array<ArrayBuffer>]);
  if (data instanceof ArrayBuffer) return new Blob([data]);
  throw new SmartFallbackValidationError("audio.data", "expected a Uint8Array, ArrayBuffer or Blob");
}

/** The server's own words about a failure, short, from OpenAI's `{ error: { message } }` or plain text. */
function failureDetail(status: number, body: string): string {
  let message = body;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; detail?: unknown };
    const e = parsed.error;
    message = typeof e === "string" ? e : typeof e?.message === "string" ? e.message : String(parsed.detail ?? body);
  } catch {
    // not JSON: keep the text
  }
  const short = message.replace(/\s+/g, " ").trim().slice(0, 200);
  return `HTTP ${status}${short ? `: ${short}` : ""}`;
}

/**
 * Creates a speech-to-text client for any OpenAI-compatible server: OpenAI, or a self-hosted
 * Whisper server on the same `baseURL` and key as the LLM path. One multipart `POST
 * {baseURL}/audio/transcriptions` per call (`file`, `model`, `language`, `response_format=json`),
 * with the key as a bearer token that never appears in logs or errors.
 * @example
 * const transcriber = createTranscriber({ apiKey: process.env.OPENAI_API_KEY });
 * const { text } = await transcriber.transcribe({ data: bytes, mimeType: "audio/ogg; codecs=opus" });
 */
export function createTranscriber(options: TranscriberOptions): Transcriber {
  const o = resolveTranscriberOptions(options);
  return {
    model: o.model,
    maxBytes: o.maxBytes,
    accepts: (mimeType) => typeof mimeType === "string" && extensionOf(mimeType) !== undefined,
    async transcribe(audio, call = {}) {
      const extension = typeof audio?.mimeType === "string" ? extensionOf(audio.mimeType) : undefined;
      if (extension === undefined) {
        const given = typeof audio?.mimeType === "string" ? baseMimeType(audio.mimeType) || "(empty)" : "(none)";
        throw new SmartFallbackValidationError(
          "audio.mimeType",
          `unsupported type ${given}; one of ${TRANSCRIBABLE_TYPES.join(", ")}`,
        );
      }
      const blob = await toBlob(audio);
      if (blob.size === 0) throw new SmartFallbackValidationError("audio.data", "must not be empty");
      if (blob.size > o.maxBytes) {
        throw new SmartFallbackValidationError("audio.size", `at most ${o.maxBytes} bytes (got ${blob.size})`);
      }
      const form = new FormData();
      form.set(
        "file",
        new Blob([blob], { type: baseMimeType(audio.mimeType) }),
        audio.filename ?? `audio.${extension}`,
      );
      form.set("model", o.model);
      form.set("language", call.language ?? o.language);
      form.set("response_format", "json");
      // Encoded to bytes first: undici streams a FormData body, and aborting that stream mid-upload
      // leaves an unhandled rejection in undici (which would end a Node process); bytes abort cleanly.
      const multipart = new Response(form);
      const contentType = multipart.headers.get("content-type") ?? "multipart/form-data";
      const payload = new Uint8Array(await multipart.arrayBuffer());
      const timeout = AbortSignal.timeout(o.timeoutMs);
      const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
      const started = performance.now();
      let response: Response;
      let body: string;
      try {
        response = await o.fetch(o.endpoint, {
          method: "POST",
          headers: {
            "content-type": contentType,
            ...(o.apiKey === undefined ? {} : { authorization: `Bearer ${o.apiKey}` }),
          },
          body: payload,
          signal,
        });
        body = await response.text();
      } catch (error) {
        if (call.signal?.aborted) throw new SmartFallbackAbortError("transcription", call.signal.reason);
        if (timeout.aborted) throw new LlmTimeoutError(o.timeoutMs, timeout.reason);
        // The cause is kept for debugging; undici's errors name the host, never the headers.
        throw new LlmRequestError("transcription endpoint unreachable", undefined, error);
      }
      if (response.status === 429) throw new LlmRateLimitError();
      if (!response.ok) throw new LlmRequestError(failureDetail(response.status, body), response.status);
      let text: unknown;
      try {
        text = (JSON.parse(body) as { text?: unknown }).text;
      } catch (error) {
        throw new LlmResponseError("the transcription answer is not JSON", error);
      }
      if (typeof text !== "string") throw new LlmResponseError("the transcription answer has no text");
      o.logger.debug("smart-fallback: audio transcribed", {
        model: o.model,
        bytes: blob.size,
        chars: text.length,
        ms: Math.round(performance.now() - started),
      });
      return { text: text.trim(), model: o.model };
    },
  };
}
