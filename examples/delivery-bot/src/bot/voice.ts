import type { MediaDownloader, VoiceNoteOptions } from "@toktok/flows";
import { createTranscriber } from "@toktok/smart-fallback";
import type { Logger } from "@toktok-example/shared";
import type { BotConfig } from "../config/env.ts";

/**
 * How the bot hears voice notes: transcribed on the LLM path's OpenAI-compatible server (OpenAI, or
 * a self-hosted Whisper server at `OPENAI_BASE_URL`) with the same key, downloaded through the
 * WhatsApp client. Undefined when neither `OPENAI_API_KEY` nor `OPENAI_BASE_URL` is set: the engine
 * then asks customers who send a voice note to type instead.
 */
export function voiceNotes(config: BotConfig, media: MediaDownloader, logger: Logger): VoiceNoteOptions | undefined {
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) return undefined;
  return {
    transcriber: createTranscriber({
      ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
      ...(config.OPENAI_API_KEY ? { apiKey: config.OPENAI_API_KEY } : {}),
      ...(config.OPENAI_TRANSCRIBE_MODEL ? { model: config.OPENAI_TRANSCRIBE_MODEL } : {}),
      ...(config.VOICE_MAX_BYTES ? { maxBytes: config.VOICE_MAX_BYTES } : {}),
      logger,
    }),
    media,
  };
}
