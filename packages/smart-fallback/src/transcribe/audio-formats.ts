/**
 * Audio types an OpenAI-compatible `/audio/transcriptions` endpoint reads (flac, mp3, mp4, mpeg,
 * mpga, m4a, ogg, wav, webm), by MIME type, with the file extension sent along: servers (and
 * OpenAI itself) pick the decoder from the file name. WhatsApp voice notes are `audio/ogg;
 * codecs=opus`; AAC and AMR, which WhatsApp also carries, are not read by Whisper.
 */
const EXTENSIONS: Readonly<Record<string, string>> = {
  "audio/ogg": "ogg",
  "audio/opus": "ogg",
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/mp4": "m4a",
  "audio/m4a": "m4a",
  "audio/x-m4a": "m4a",
  "audio/wav": "wav",
  "audio/wave": "wav",
  "audio/x-wav": "wav",
  "audio/webm": "webm",
  "audio/flac": "flac",
  "audio/x-flac": "flac",
};

/** The MIME types a transcriber accepts, for error messages and docs. */
export const TRANSCRIBABLE_TYPES: readonly string[] = Object.keys(EXTENSIONS);

/** `audio/ogg; codecs=opus` → `audio/ogg`. */
export function baseMimeType(mimeType: string): string {
  return (mimeType.split(";")[0] ?? "").trim().toLowerCase();
}

/** The file extension to send for a MIME type, or undefined when the endpoint cannot read it. */
export function extensionOf(mimeType: string): string | undefined {
  return EXTENSIONS[baseMimeType(mimeType)];
}
