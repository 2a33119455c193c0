import { LlmTimeoutError, SmartFallbackValidationError } from "@toktok/smart-fallback";
import { LRUCache } from "lru-cache";
import { FlowsValidationError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { InboundContent, InboundMessage } from "../messaging/inbound.js";
import { readLimited } from "../messaging/read-limited.js";
import type { Locale } from "../sessions/types.js";

/**
 * Speech to text, e.g. `createTranscriber()` of `@toktok/smart-fallback` (any OpenAI-compatible
 * `/audio/transcriptions` endpoint, a self-hosted Whisper server included).
 */
export interface VoiceTranscriber {
  transcribe(
    audio: { data: Uint8Array; mimeType: string },
    options?: { signal?: AbortSignal; language?: string },
  ): Promise<{ text: string }>;
  /** Largest audio it accepts, in bytes; the default of {@link VoiceNoteOptions.maxBytes}. */
  readonly maxBytes?: number;
  /** False for a MIME type it cannot read: the voice note is then not even downloaded. */
  accepts?(mimeType: string): boolean;
}

/** Where voice notes are downloaded from: a `WhatsAppClient` (its `downloadMedia`), or any object like it. */
export interface MediaDownloader {
  downloadMedia(
    mediaId: string,
    options?: { signal?: AbortSignal },
  ): Promise<{ stream: AsyncIterable<Uint8Array>; mimeType?: string | undefined; size?: number | undefined }>;
}

/** The `voice` option of the engine: how voice notes are heard. */
export interface VoiceNoteOptions {
  transcriber: VoiceTranscriber;
  /** Default: the engine's messenger, when it has `downloadMedia` (a `WhatsAppClient` does). */
  media?: MediaDownloader;
  /** Largest voice note heard, in bytes; longer ones get a polite "please type". Default: the transcriber's, else 25 MB. */
  maxBytes?: number;
  /** Budget of the download and the transcription together, in ms. Default 60 s. */
  timeoutMs?: number;
}

/** Why a voice note could not be heard; each has its own reply in the catalogue (`voice.<reason>`). */
export type UnheardReason = "unavailable" | "tooLong" | "unsupported" | "timeout" | "failed" | "empty";

/** What listening to a voice note gave: its transcript, or why there is none. */
export type VoiceNoteReading = { kind: "heard"; text: string } | { kind: "unheard"; reason: UnheardReason };

type VoiceContent = { type: "audio"; mediaId: string; mimeType?: string; voice: true };

/** True for a voice note recorded in WhatsApp (`audio` with `voice: true`), as `parseWebhookPayload` gives it. */
export function isVoiceNote(content: InboundContent): content is VoiceContent {
  const c = content as Partial<VoiceContent> & { type: string };
  return c.type === "audio" && c.voice === true && typeof c.mediaId === "string";
}

const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

/** The download outgrew the limit (the headers did not say, or said wrong). */
class TooLong extends Error {}

function reasonOf(error: unknown, signal: AbortSignal): UnheardReason {
  if (error instanceof TooLong) return "tooLong";
  if (SmartFallbackValidationError.isInstance(error)) {
    if (error.field === "audio.size") return "tooLong";
    if (error.field === "audio.mimeType") return "unsupported";
    return "failed";
  }
  if (LlmTimeoutError.isInstance(error) || signal.aborted) return "timeout";
  return "failed";
}

/**
 * Turns a voice note into the text the flows read: downloads it (bounded by `maxBytes`),
 * transcribes it, and reports the transcript or why there is none. Never throws: a voice note
 * that cannot be heard is a reply ("please type"), never a failed turn. Readings are remembered
 * by message id, so a turn retried after a write conflict does not pay for a second transcription.
 */
export class VoiceNotes {
  readonly #options: VoiceNoteOptions | undefined;
  readonly #media: MediaDownloader | undefined;
  readonly #maxBytes: number;
  readonly #logger: Logger;
  readonly #heard = new LRUCache<string, VoiceNoteReading>({ max: 500 });

  constructor(options: VoiceNoteOptions | undefined, messenger: object, logger: Logger) {
    this.#options = options;
    this.#logger = logger;
    const fallback =
      typeof (messenger as Partial<MediaDownloader>).downloadMedia === "function"
        ? (messenger as MediaDownloader)
        : undefined;
    this.#media = options?.media ?? fallback;
    if (options && !this.#media) {
      throw new FlowsValidationError("voice.media", "required when the messenger has no downloadMedia");
    }
    this.#maxBytes = options?.maxBytes ?? options?.transcriber.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  /** The reading of a voice note, or undefined when the message is not one. */
  async read(inbound: InboundMessage, locale: Locale): Promise<VoiceNoteReading | undefined> {
    const content = inbound.message;
    if (!isVoiceNote(content)) return undefined;
    const known = this.#heard.get(inbound.id);
    if (known) return known;
    const reading = await this.#listen(content, locale);
    this.#heard.set(inbound.id, reading);
    return reading;
  }

  async #listen(content: VoiceContent, locale: Locale): Promise<VoiceNoteReading> {
    const options = this.#options;
    const media = this.#media;
    if (!options || !media) return { kind: "unheard", reason: "unavailable" };
    const { transcriber } = options;
    // The webhook's type (empty when Meta left it out) decides before any download.
    const declared = content.mimeType || undefined;
    if (declared !== undefined && transcriber.accepts?.(declared) === false) {
      return { kind: "unheard", reason: "unsupported" };
    }
    const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    try {
      const download = await media.downloadMedia(content.mediaId, { signal });
      if (download.size !== undefined && download.size > this.#maxBytes) {
        // Not read: destroying the body ends the transfer (undici then emits an abort error, expected).
        const body = download.stream as { destroy?: () => void; on?: (event: "error", f: () => void) => void };
        body.on?.("error", () => {});
        body.destroy?.();
        return { kind: "unheard", reason: "tooLong" };
      }
      const data = await readLimited(download.stream, this.#maxBytes, () => new TooLong());
      const mimeType = declared ?? (download.mimeType || "audio/ogg");
      // Whisper has French and English; Lingala speakers here mix in French, which it hears best.
      const language = locale === "en" ? "en" : "fr";
      const { text } = await transcriber.transcribe({ data, mimeType }, { signal, language });
      const transcript = text.replace(/\s+/g, " ").trim();
      return transcript === "" ? { kind: "unheard", reason: "empty" } : { kind: "heard", text: transcript };
    } catch (error) {
      const reason = reasonOf(error, signal);
      this.#logger.warn("flows: voice note not heard", {
        reason,
        error: error instanceof Error ? error.name : typeof error,
      });
      return { kind: "unheard", reason };
    }
  }
}
