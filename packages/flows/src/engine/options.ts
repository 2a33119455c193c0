import { z } from "zod";
import { LOCALES } from "../sessions/types.js";
import { validateOptions } from "../validate-options.js";

const schema = z.object({
  locale: z.enum(LOCALES).optional(),
  sessionExpiryMs: z.number().int().positive().optional(),
  intentThreshold: z.number().min(0).max(1).optional(),
  maxAttempts: z.number().int().min(1).max(20).optional(),
  maxWriteRetries: z.number().int().min(1).max(50).optional(),
  authFlow: z.string().min(1).optional(),
  messenger: z.custom<object>((v) => typeof v === "object" && v !== null, "must be a Messenger"),
  flows: z.array(z.custom<object>((v) => typeof v === "object" && v !== null, "must come from defineFlow")).min(1),
  delivery: z
    .object({
      ambiguous: z.enum(["resend", "assume-sent"]).optional(),
      leaseMs: z.number().int().positive().optional(),
      sendTimeoutMs: z.number().int().positive().optional(),
      retryBaseMs: z.number().int().positive().optional(),
      retryMaxMs: z.number().int().positive().optional(),
      onDeadLetter: z.function().optional(),
    })
    .optional(),
  prepare: z.function().optional(),
  voice: z
    .object({
      transcriber: z.object({ transcribe: z.function() }, "must have transcribe(audio, options)"),
      media: z.object({ downloadMedia: z.function() }, "must have downloadMedia(mediaId, options)").optional(),
      maxBytes: z.number().int().positive().optional(),
      timeoutMs: z.number().int().positive().optional(),
    })
    .optional(),
  onHandled: z.function().optional(),
  onLatePayment: z.function().optional(),
  handoff: z
    .object({
      maxMisses: z.number().int().min(0).max(20).optional(),
      onFailedTurn: z.boolean().optional(),
      availability: z.function().optional(),
      onInbound: z.function().optional(),
      onChange: z.function().optional(),
    })
    .optional(),
});

/** Validates the engine's options at the boundary, naming the field and the rule. */
export function validateEngineOptions(options: unknown): void {
  validateOptions(schema, options);
}
