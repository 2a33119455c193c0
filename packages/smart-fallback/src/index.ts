/**
 * @toktok/smart-fallback — understands free French delivery messages: phone, amount, address,
 * recipient and intent, deterministically first and with an LLM only when needed.
 * @packageDocumentation
 */

export type { AddressLocation } from "./address/extract-address.js";
export type { Place } from "./address/gazetteer.js";
export { PLACES } from "./address/gazetteer.js";
export { type FormatAmountOptions, formatAmount } from "./amount/format-amount.js";
export { numberToFrenchWords } from "./amount/french-words.js";
export { parseAmount } from "./amount/parse-amount.js";
export {
  LlmRateLimitError,
  LlmRequestError,
  LlmResponseError,
  LlmTimeoutError,
  LlmUnavailableError,
  SmartFallbackAbortError,
  SmartFallbackError,
  type SmartFallbackErrorCode,
  type SmartFallbackErrorOptions,
  SmartFallbackValidationError,
} from "./errors.js";
export { type ExtractOptions, extractDeliveryDetails } from "./extract/extract-delivery-details.js";
export type { DeliveryDetails, DeliveryField, ExplainableField } from "./extract/types.js";
export { detectIntent, type IntentResult } from "./intent/detect-intent.js";
export type { Intent } from "./intent/intent-lexicon.js";
export { type DetectedLanguage, detectLanguage, type LanguageGuess } from "./language/detect-language.js";
export type { SmartFallbackOptions } from "./llm/options.js";
export type { ModelPricing } from "./llm/pricing.js";
export type { LlmAnswer } from "./llm/schema.js";
export {
  type ExtractContext,
  type FieldSource,
  type LlmOutcome,
  type SmartExtraction,
  SmartFallback,
} from "./llm/smart-fallback.js";
export type { SmartFallbackStats } from "./llm/stats.js";
export type {
  ChatMessage,
  ChatParseBody,
  ChatParseResult,
  ChatRequestOptions,
  JsonSchemaResponseFormat,
  OpenAIChatClient,
  SmartFallbackCache,
} from "./llm/types.js";
export type { Logger } from "./logger.js";
export { explain, explainParts } from "./messages/explain.js";
export type { Explanation, Locale } from "./messages/locales.js";
export {
  type ValidateOptions,
  type Validation,
  validateAddress,
  validateAmount,
  validatePhone,
  validateRecipientName,
} from "./messages/validators.js";
export { type ParsePhoneOptions, parsePhone } from "./phone/parse-phone.js";
export { TRANSCRIBABLE_TYPES } from "./transcribe/audio-formats.js";
export {
  type AudioInput,
  createTranscriber,
  type TranscribeCallOptions,
  type Transcriber,
  type Transcription,
} from "./transcribe/transcriber.js";
export { DEFAULT_MAX_AUDIO_BYTES, type TranscriberOptions } from "./transcribe/transcriber-options.js";
