import type { RateLimitAlgorithm } from "./types.js";

/** The rule of a preset limiter. */
export interface PresetRule {
  readonly name: string;
  readonly points: number;
  readonly duration: number;
  readonly algorithm: RateLimitAlgorithm;
}

/** The preset rules behind `RateLimiter.presets`. */
export const presetRules = {
  /** TokTok backend API: 30 requests per minute per user (sliding window). Key: the user id. */
  backendApi: { name: "backend-api", points: 30, duration: 60_000, algorithm: "sliding-window" },
  /**
   * WhatsApp Cloud API throughput: 80 messages per second per business phone number (Meta's default tier), as an
   * exact sliding window so that no second ever sees more than 80. Key: the phone number id.
   */
  whatsappSends: { name: "whatsapp-sends", points: 80, duration: 1_000, algorithm: "sliding-window" },
  /**
   * WhatsApp pair rate: one message every 6 seconds to the same user (Meta answers error 131056 beyond it), as a
   * token bucket refilling one token per 6 s. Key: `<phoneNumberId>:<recipient>`.
   */
  whatsappPerRecipient: { name: "whatsapp-pair", points: 1, duration: 6_000, algorithm: "token-bucket" },
} as const satisfies Record<string, PresetRule>;
