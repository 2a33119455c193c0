import { WhatsAppValidationError } from "../errors.js";

/** WhatsApp's media categories. */
export type MediaKind = "image" | "audio" | "video" | "document" | "sticker";

const MB = 1024 * 1024;

// Supported types and sizes from the Cloud API media reference.
const BY_MIME: Readonly<Record<string, { kind: MediaKind; maxBytes: number }>> = {
  "image/jpeg": { kind: "image", maxBytes: 5 * MB },
  "image/png": { kind: "image", maxBytes: 5 * MB },
  "audio/aac": { kind: "audio", maxBytes: 16 * MB },
  "audio/amr": { kind: "audio", maxBytes: 16 * MB },
  "audio/mpeg": { kind: "audio", maxBytes: 16 * MB },
  "audio/mp4": { kind: "audio", maxBytes: 16 * MB },
  "audio/ogg": { kind: "audio", maxBytes: 16 * MB },
  "video/mp4": { kind: "video", maxBytes: 16 * MB },
  "video/3gpp": { kind: "video", maxBytes: 16 * MB },
  "text/plain": { kind: "document", maxBytes: 100 * MB },
  "application/pdf": { kind: "document", maxBytes: 100 * MB },
  "application/msword": { kind: "document", maxBytes: 100 * MB },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { kind: "document", maxBytes: 100 * MB },
  "application/vnd.ms-excel": { kind: "document", maxBytes: 100 * MB },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { kind: "document", maxBytes: 100 * MB },
  "application/vnd.ms-powerpoint": { kind: "document", maxBytes: 100 * MB },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": { kind: "document", maxBytes: 100 * MB },
  "image/webp": { kind: "sticker", maxBytes: 100 * 1024 },
};

const ANIMATED_STICKER_MAX = 500 * 1024;

/** True when the bytes are an animated WebP (VP8X chunk with the animation flag). */
export function isAnimatedWebp(head: Uint8Array): boolean {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  return (
    head.length >= 21 &&
    ascii(0, 4) === "RIFF" &&
    ascii(8, 12) === "WEBP" &&
    ascii(12, 16) === "VP8X" &&
    ((head[20] ?? 0) & 0x02) !== 0
  );
}

/**
 * Checks MIME type and size against WhatsApp's limits before uploading.
 * @returns the media kind.
 */
export function checkMedia(mimeType: string, size: number, head: Uint8Array): MediaKind {
  const base = mimeType.split(";")[0]?.trim().toLowerCase() ?? "";
  const rule = BY_MIME[base];
  if (rule === undefined) {
    throw new WhatsAppValidationError([
      {
        field: "file.mimeType",
        rule: `unsupported type ${base || "(empty)"}; one of ${Object.keys(BY_MIME).join(", ")}`,
      },
    ]);
  }
  const max = rule.kind === "sticker" && isAnimatedWebp(head) ? ANIMATED_STICKER_MAX : rule.maxBytes;
  if (size === 0) throw new WhatsAppValidationError([{ field: "file.data", rule: "must not be empty" }]);
  if (size > max) {
    const limit = max >= MB ? `${max / MB} MB` : `${max / 1024} KB`;
    throw new WhatsAppValidationError([
      { field: "file.data", rule: `at most ${limit} for ${base} (got ${size} bytes)` },
    ]);
  }
  return rule.kind;
}
