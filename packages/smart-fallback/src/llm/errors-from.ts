import {
  LlmRateLimitError,
  LlmRequestError,
  LlmResponseError,
  LlmTimeoutError,
  SmartFallbackAbortError,
  SmartFallbackError,
} from "../errors.js";

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/** Removes the API key from any text that may end up in a log or an error. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join("[redacted]");
}

/** Maps whatever the `openai` client threw to this package's typed errors. */
export function toLlmError(
  error: unknown,
  timeoutMs: number,
  reason: "timeout" | "caller" | undefined,
  secret: string | undefined,
) {
  if (SmartFallbackError.isInstance(error)) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const status = statusOf(error);
  // The caller's own AbortSignal is not a provider failure: say so, and do not suggest a retry.
  if (reason === "caller") return new SmartFallbackAbortError("LLM call", error);
  if (
    reason === "timeout" ||
    name === "APIConnectionTimeoutError" ||
    name === "APIUserAbortError" ||
    name === "AbortError"
  ) {
    return new LlmTimeoutError(timeoutMs);
  }
  if (status === 429) return new LlmRateLimitError();
  if (error instanceof SyntaxError || name === "ZodError" || name === "LengthFinishReasonError") {
    return new LlmResponseError(
      name === "ZodError" ? "answer does not match the schema" : "invalid structured output JSON",
    );
  }
  if (name === "ContentFilterFinishReasonError") return new LlmResponseError("content filtered");
  // The provider's message is kept (it explains a 401 or a 400) but never with the key inside.
  const message = error instanceof Error ? redact(error.message, secret) : "unknown error";
  return new LlmRequestError(status === undefined ? message : `HTTP ${status}: ${message}`, status);
}
