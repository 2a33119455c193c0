/** Counters of a {@link SmartFallback} instance since it was created. */
export interface SmartFallbackStats {
  /** Calls of `extract()`. */
  extractions: number;
  /** Extractions answered by the rules alone (no model call, no cache lookup). */
  deterministicOnly: number;
  /** Requests sent to the model. */
  llmCalls: number;
  /** Model answers served from the cache. */
  cacheHits: number;
  /** Model calls that failed (any reason); the deterministic answer was returned. */
  llmFailures: number;
  timeouts: number;
  rateLimited: number;
  invalidResponses: number;
  /** Values the model returned that were not in the message and were dropped. */
  droppedFields: number;
  /** Extractions that needed the model but had none configured. */
  skippedNoLlm: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Estimated spend in USD (0 when the model's price is unknown). */
  costUsd: number;
}

export function emptyStats(): SmartFallbackStats {
  return {
    extractions: 0,
    deterministicOnly: 0,
    llmCalls: 0,
    cacheHits: 0,
    llmFailures: 0,
    timeouts: 0,
    rateLimited: 0,
    invalidResponses: 0,
    droppedFields: 0,
    skippedNoLlm: 0,
    promptTokens: 0,
    completionTokens: 0,
    totalTokens: 0,
    costUsd: 0,
  };
}
