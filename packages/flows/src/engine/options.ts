import { z } from "zod";
import { defaultOutboxPolicy } from "../delivery/outbox.js";
import { handoffOptionsSchema } from "../handoff/types.js";
import { LOCALES } from "../sessions/types.js";
import { parseOptions, validateOptions } from "../validate-options.js";

// The engine's plain settings and their defaults, written once: `resolveEngineOptions` returns them parsed.
// Functions and objects the caller keeps (messenger, flows, hooks) are only checked, never parsed (zod would
// wrap or copy them), by the full schema below.
const settingsSchema = z.object({
  locale: z.enum(LOCALES).default("fr"),
  sessionExpiryMs: z
    .number()
    .int()
    .positive()
    .default(30 * 60 * 1000),
  intentThreshold: z.number().min(0).max(1).default(0.75),
  maxAttempts: z.number().int().min(1).max(20).default(3),
  maxWriteRetries: z.number().int().min(1).max(50).default(5),
  authFlow: z.string().min(1).optional(),
  delivery: z
    .object({
      ambiguous: z.enum(["resend", "assume-sent"]).default(defaultOutboxPolicy.ambiguous),
      leaseMs: z.number().int().positive().default(defaultOutboxPolicy.leaseMs),
      sendTimeoutMs: z.number().int().positive().default(defaultOutboxPolicy.sendTimeoutMs),
      retryBaseMs: z.number().int().positive().default(defaultOutboxPolicy.retryBaseMs),
      retryMaxMs: z.number().int().positive().default(defaultOutboxPolicy.retryMaxMs),
    })
    .prefault({}),
});

/** The engine's settings with their defaults applied. */
export type EngineSettings = z.output<typeof settingsSchema>;

const schema = settingsSchema.extend({
  messenger: z.custom<object>((v) => typeof v === "object" && v !== null, "must be a Messenger"),
  flows: z.array(z.custom<object>((v) => typeof v === "object" && v !== null, "must come from defineFlow")).min(1),
  delivery: settingsSchema.shape.delivery.unwrap().extend({ onDeadLetter: z.function().optional() }).optional(),
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
  onLocation: z.function().optional(),
  marketing: z
    .object({ consentOf: z.function(), record: z.function() }, "must have consentOf(waId) and record(choice)")
    .optional(),
  handoff: handoffOptionsSchema.optional(),
});

/**
 * Validates the engine's options at the boundary, naming the field and the rule, and returns its settings
 * with the defaults applied.
 */
export function resolveEngineOptions(options: unknown): EngineSettings {
  validateOptions(schema, options);
  return parseOptions(settingsSchema, options);
}
