import type { Locale } from "../sessions/types.js";

/** Intents the engine understands (the `detectIntent` vocabulary of `@toktok/smart-fallback`). */
export type Intent = "courier" | "marketplace" | "track" | "cancel" | "help" | "greeting" | "unknown";

/** Fields a re-prompt can explain. */
export type ExplainField = "amount" | "phone" | "address" | "name" | "description" | "choice" | "quantity" | "location";

/** Several delivery fields read from one free-text message. */
export interface DeliveryDetails {
  address?: string;
  phone?: string;
  amount?: number;
  recipientName?: string;
  confidence: number;
}

/** A value now, or later (an LLM-backed reader answers asynchronously). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * The language understanding the engine relies on. The default wraps `@toktok/smart-fallback`'s
 * deterministic readers; pass your own (e.g. `SmartFallback` with an LLM, which may answer
 * asynchronously) to `createFlowEngine`.
 */
export interface Understanding {
  detectIntent(text: string): MaybePromise<{ intent: Intent | string; confidence: number }>;
  extractDeliveryDetails(text: string): MaybePromise<DeliveryDetails>;
  /** Integer XAF amount, or undefined when the text holds none. */
  parseAmount(text: string): MaybePromise<number | undefined>;
  /** E.164 phone (`+242061234567`), or undefined when the text holds no valid number. */
  parsePhone(text: string): MaybePromise<string | undefined>;
  /** The friendly re-prompt for a field, with an example. */
  explain(field: ExplainField, locale: Locale): string;
  /**
   * The language a message is clearly written in, or undefined when mixed or too short to tell
   * (the session then keeps its language). Without it, the language changes only by command.
   */
  detectLanguage?(text: string): MaybePromise<Locale | undefined>;
}

/** An {@link Understanding} that always answers at once (like the default, `smartUnderstanding`). */
export interface SyncUnderstanding extends Understanding {
  detectIntent(text: string): { intent: Intent | string; confidence: number };
  extractDeliveryDetails(text: string): DeliveryDetails;
  parseAmount(text: string): number | undefined;
  parsePhone(text: string): string | undefined;
  detectLanguage?(text: string): Locale | undefined;
}
