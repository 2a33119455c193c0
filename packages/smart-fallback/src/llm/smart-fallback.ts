import type { SmartFallbackError } from "../errors.js";
import { extractDeliveryDetails } from "../extract/extract-delivery-details.js";
import type { DeliveryDetails, DeliveryField } from "../extract/types.js";
import { detectIntent, type IntentResult } from "../intent/detect-intent.js";
import { applyExpected } from "./apply-expected.js";
import { cacheKey } from "./cache-key.js";
import { callModel, type ModelReply } from "./call-model.js";
import { createClient } from "./create-client.js";
import { redact } from "./errors-from.js";
import { type ResolvedOptions, resolveOptions, type SmartFallbackOptions } from "./options.js";
import { costOf, pricingFor } from "./pricing.js";
import { type LlmAnswer, llmAnswerSchema } from "./schema.js";
import { emptyStats, type SmartFallbackStats } from "./stats.js";
import type { OpenAIChatClient } from "./types.js";
import { verifyAnswer } from "./verify.js";

/** Context of one {@link SmartFallback.extract} call. */
export interface ExtractContext {
  /** The field the bot has just asked for: a bare answer ("150", "Mbota") is read as that field. */
  expected?: DeliveryField;
  /** Cancels the model call; the deterministic answer is returned. */
  signal?: AbortSignal;
}

/** Where a field's final value came from. */
export type FieldSource = "rules" | "llm";

/** What happened with the model during one extraction. */
export interface LlmOutcome {
  status: "not-needed" | "disabled" | "called" | "cached" | "failed";
  /** Fields that were below `minConfidence` and were asked of the model. */
  fields: DeliveryField[];
  /** Model values dropped because the message does not contain them. */
  dropped: DeliveryField[];
  /** Why the model could not help (timeout, 429, invalid JSON…), when it could not. */
  error?: SmartFallbackError;
}

/** The answer of {@link SmartFallback.extract}. */
export interface SmartExtraction extends DeliveryDetails {
  intent: IntentResult;
  sources: Record<DeliveryField, FieldSource>;
  llm: LlmOutcome;
}

const FIELDS: readonly DeliveryField[] = ["phone", "amount", "address", "recipientName"];
// A value the model gave and the text confirmed is trusted less than a rule with a currency.
const LLM_CONFIDENCE = 0.8;

/**
 * Reads delivery details with the rules first and asks an LLM only for the fields the rules
 * are unsure of. The model's answer is untrusted: each value is checked against the message.
 * Never throws for a missing key, a timeout, a 429 or a bad answer — it returns the rules' answer.
 * @example
 * const fallback = new SmartFallback({ apiKey: process.env.OPENAI_API_KEY, model: "gpt-4o-mini" });
 * const result = await fallback.extract("Envoyer à Moungali chez Marie, 06 123 4567, 5000 francs");
 * result.phone; // "+242061234567"
 * result.llm.status; // "not-needed"
 */
export class SmartFallback {
  readonly #options: ResolvedOptions;
  #client: Promise<OpenAIChatClient> | undefined;
  readonly #stats: SmartFallbackStats = emptyStats();

  constructor(options: SmartFallbackOptions = {}) {
    this.#options = resolveOptions(options);
    if (this.#options.openai) this.#client = Promise.resolve(this.#options.openai);
  }

  /** True when a client or an API key is configured. */
  get llmEnabled(): boolean {
    return this.#options.openai !== undefined || this.#options.apiKey !== undefined;
  }

  /** Counters since creation: calls, cache hits, failures, tokens and estimated cost. */
  stats(): SmartFallbackStats {
    return { ...this.#stats };
  }

  /** Deterministic extraction, then the model for low-confidence fields (see the class docs). */
  async extract(text: string, context: ExtractContext = {}): Promise<SmartExtraction> {
    const o = this.#options;
    this.#stats.extractions++;
    const safeText = typeof text === "string" ? text : "";
    let details = extractDeliveryDetails(safeText, { defaultCountry: o.defaultCountry });
    if (context.expected) details = applyExpected(details, safeText, context.expected, o.defaultCountry);
    const intent = detectIntent(safeText);
    const sources: Record<DeliveryField, FieldSource> = {
      phone: "rules",
      amount: "rules",
      address: "rules",
      recipientName: "rules",
    };
    const low = FIELDS.filter((f) => details.fieldConfidence[f] < o.minConfidence);
    // Nothing understood at all: the model may still tell what the user wants.
    const intentLow =
      intent.intent === "unknown" &&
      intent.confidence < o.minConfidence &&
      FIELDS.every((f) => details[f] === undefined);
    const result: SmartExtraction = {
      ...details,
      intent,
      sources,
      llm: { status: "not-needed", fields: low, dropped: [] },
    };
    if ((low.length === 0 && !intentLow) || safeText.trim().length === 0) {
      this.#stats.deterministicOnly++;
      return result;
    }
    if (!this.llmEnabled) {
      this.#stats.skippedNoLlm++;
      result.llm = { status: "disabled", fields: low, dropped: [] };
      return result;
    }
    const key = cacheKey(o.model, o.defaultCountry, safeText);
    let answer: LlmAnswer | undefined = await this.#fromCache(key);
    let status: LlmOutcome["status"] = "cached";
    if (answer) {
      this.#stats.cacheHits++;
    } else {
      status = "called";
      try {
        const reply = await this.#call(safeText, context.signal);
        answer = reply.answer;
        await this.#toCache(key, answer);
      } catch (error) {
        result.llm = { status: "failed", fields: low, dropped: [], error: error as SmartFallbackError };
        return result;
      }
    }
    return this.#merge(result, answer, safeText, low, intentLow, status);
  }

  #merge(
    result: SmartExtraction,
    answer: LlmAnswer,
    text: string,
    low: DeliveryField[],
    intentLow: boolean,
    status: LlmOutcome["status"],
  ): SmartExtraction {
    const o = this.#options;
    const verified = verifyAnswer(answer, text, low, o.defaultCountry);
    this.#stats.droppedFields += verified.dropped.length;
    if (verified.dropped.length > 0) {
      o.logger.warn("smart-fallback: dropped model values not found in the message", { fields: verified.dropped });
    }
    const target = result as unknown as Record<DeliveryField, string | number | undefined>;
    for (const field of low) {
      if (!(field in verified.values)) continue;
      const value = verified.values[field];
      if (value === null || value === undefined) delete target[field];
      else target[field] = value;
      result.fieldConfidence[field] = LLM_CONFIDENCE;
      result.sources[field] = "llm";
    }
    if (result.address === undefined) delete result.location;
    if (intentLow && answer.intent !== "unknown") result.intent = { intent: answer.intent, confidence: LLM_CONFIDENCE };
    const f = result.fieldConfidence;
    result.confidence = Math.min(f.phone, f.amount, f.address, f.recipientName);
    result.llm = { status, fields: low, dropped: verified.dropped };
    return result;
  }

  async #call(text: string, signal: AbortSignal | undefined): Promise<ModelReply> {
    const o = this.#options;
    try {
      if (!this.#client) {
        this.#client = createClient(o);
        // A failed lazy import must not be cached forever as a rejected promise.
        this.#client.catch(() => {
          this.#client = undefined;
        });
      }
      const client = await this.#client;
      this.#stats.llmCalls++;
      const reply = await callModel({ client, model: o.model, text, timeoutMs: o.timeoutMs, signal, secret: o.apiKey });
      this.#stats.promptTokens += reply.promptTokens;
      this.#stats.completionTokens += reply.completionTokens;
      this.#stats.totalTokens += reply.promptTokens + reply.completionTokens;
      this.#stats.costUsd += costOf(o.pricing ?? pricingFor(o.model), reply.promptTokens, reply.completionTokens);
      return reply;
    } catch (error) {
      const e = error as SmartFallbackError;
      this.#stats.llmFailures++;
      if (e.code === "SMART_FALLBACK_LLM_TIMEOUT") this.#stats.timeouts++;
      else if (e.code === "SMART_FALLBACK_LLM_RATE_LIMITED") this.#stats.rateLimited++;
      else if (e.code === "SMART_FALLBACK_LLM_RESPONSE") this.#stats.invalidResponses++;
      o.logger.warn("smart-fallback: LLM call failed, using the deterministic answer", {
        code: e.code,
        message: redact(String(e.message), o.apiKey),
        model: o.model,
      });
      throw e;
    }
  }

  async #fromCache(key: string): Promise<LlmAnswer | undefined> {
    const cache = this.#options.cache;
    if (!cache) return undefined;
    try {
      const value = await cache.get(key);
      if (value === undefined || value === null) return undefined;
      // Cached data is as untrusted as the model: validate it again.
      const parsed = llmAnswerSchema.safeParse(typeof value === "string" ? JSON.parse(value) : value);
      return parsed.success ? parsed.data : undefined;
    } catch (error) {
      this.#options.logger.warn("smart-fallback: cache read failed", { error: String(error) });
      return undefined;
    }
  }

  async #toCache(key: string, answer: LlmAnswer): Promise<void> {
    const cache = this.#options.cache;
    if (!cache) return;
    try {
      await cache.set(key, answer, { ttl: this.#options.cacheTtlMs });
    } catch (error) {
      this.#options.logger.warn("smart-fallback: cache write failed", { error: String(error) });
    }
  }
}
