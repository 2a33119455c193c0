import { PaymentsProviderError } from "../errors.js";
import type { ProviderAnswer } from "./call.js";

/**
 * A provider's error answer as a {@link PaymentsProviderError}: the provider's own code and message
 * (cut to 200 characters), `retryable` on 5xx and 429. Each client reads code and message from its
 * provider's error shape; the rest is the same for every provider.
 */
export function answerError(
  provider: string,
  answer: ProviderAnswer,
  operation: string,
  code: string,
  message: string,
): PaymentsProviderError {
  return new PaymentsProviderError({
    provider,
    status: answer.status,
    providerCode: code,
    message: `${operation} answered ${answer.status} ${code}: ${message.slice(0, 200)}`,
    retryable: answer.status >= 500 || answer.status === 429,
  });
}

/** An HTTP 200 answer the client cannot read (`BAD_RESPONSE`), retryable: the payment is queried again, never assumed. */
export function unreadableAnswer(provider: string, operation: string, what?: string): PaymentsProviderError {
  return new PaymentsProviderError({
    provider,
    status: 200,
    providerCode: "BAD_RESPONSE",
    message: `${operation} answer unreadable${what === undefined ? "" : ` (${what})`}`,
    retryable: true,
  });
}
