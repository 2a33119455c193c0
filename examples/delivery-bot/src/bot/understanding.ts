import { TtlCache } from "@toktok/cache";
import { type DeliveryDetails, smartUnderstanding, type Understanding } from "@toktok/flows";
import { SmartFallback } from "@toktok/smart-fallback";
import type { Logger } from "@toktok-example/shared";
import type { BotConfig } from "../config/env.ts";

/** The engine's language understanding, with an optional LLM pass before each text message. */
export interface BotUnderstanding {
  /** Given to the flows engine. */
  nlu: Understanding;
  /** True when an OpenAI-compatible model is configured. */
  llm: boolean;
  /** The SmartFallback behind it (stats: model calls, cache hits, cost). */
  fallback: SmartFallback;
  /** Runs SmartFallback on a text before the engine reads it (a no-op without a model); true when the model was called. */
  prepare(text: string, signal?: AbortSignal): Promise<boolean>;
}

/**
 * The engine reads free text synchronously; the model is asynchronous. So the bot asks
 * SmartFallback first (rules, then the model only for low-confidence fields), keeps the answer
 * for a minute, and the engine's `extractDeliveryDetails` reads it back for the same text.
 * Without `OPENAI_API_KEY` everything stays on the deterministic rules.
 */
export function createUnderstanding(config: BotConfig, logger: Logger): BotUnderstanding {
  const fallback = new SmartFallback({
    ...(config.OPENAI_API_KEY ? { apiKey: config.OPENAI_API_KEY } : {}),
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    ...(config.OPENAI_MODEL ? { model: config.OPENAI_MODEL } : {}),
    // Model answers are cached a day by text: the same message never pays twice.
    cache: new TtlCache<unknown>({ ttl: 24 * 60 * 60 * 1000, max: 10_000 }),
    logger,
  });
  const prepared = new TtlCache<DeliveryDetails>({ ttl: 60_000, max: 10_000 });
  const llm = fallback.llmEnabled;

  return {
    llm,
    fallback,
    nlu: {
      ...smartUnderstanding,
      extractDeliveryDetails: (text) => prepared.get(text) ?? smartUnderstanding.extractDeliveryDetails(text),
    },
    async prepare(text, signal) {
      if (!llm) return false;
      const result = await fallback.extract(text, signal ? { signal } : {});
      const called = result.llm.status === "called" || result.llm.status === "failed";
      if (result.llm.status !== "called" && result.llm.status !== "cached") return called;
      const details: DeliveryDetails = { confidence: result.confidence };
      if (result.address !== undefined) details.address = result.address;
      if (result.phone !== undefined) details.phone = result.phone;
      if (result.amount !== undefined) details.amount = result.amount;
      if (result.recipientName !== undefined) details.recipientName = result.recipientName;
      prepared.set(text, details);
      return called;
    },
  };
}
