/** USD per million tokens. */
export interface ModelPricing {
  inputPerMillionTokens: number;
  outputPerMillionTokens: number;
}

// List prices of common small models (USD per 1M tokens); other models need `pricing`.
const KNOWN: Readonly<Record<string, ModelPricing>> = {
  "gpt-4o-mini": { inputPerMillionTokens: 0.15, outputPerMillionTokens: 0.6 },
  "gpt-4o": { inputPerMillionTokens: 2.5, outputPerMillionTokens: 10 },
  "gpt-4.1-mini": { inputPerMillionTokens: 0.4, outputPerMillionTokens: 1.6 },
  "gpt-4.1-nano": { inputPerMillionTokens: 0.1, outputPerMillionTokens: 0.4 },
  "gpt-4.1": { inputPerMillionTokens: 2, outputPerMillionTokens: 8 },
};

/** Pricing of a model by name, ignoring an OpenRouter-style "openai/" prefix. */
export function pricingFor(model: string): ModelPricing | undefined {
  const bare = model.includes("/") ? model.slice(model.lastIndexOf("/") + 1) : model;
  return KNOWN[bare];
}

/** Cost in USD of one call. */
export function costOf(pricing: ModelPricing | undefined, promptTokens: number, completionTokens: number): number {
  if (!pricing) return 0;
  return (promptTokens * pricing.inputPerMillionTokens + completionTokens * pricing.outputPerMillionTokens) / 1_000_000;
}
