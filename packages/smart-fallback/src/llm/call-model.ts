import { LlmResponseError } from "../errors.js";
import { toLlmError } from "./errors-from.js";
import { responseFormat } from "./response-format.js";
import { type LlmAnswer, llmAnswerSchema, SYSTEM_PROMPT } from "./schema.js";
import type { OpenAIChatClient } from "./types.js";

/** One successful model call. */
export interface ModelReply {
  answer: LlmAnswer;
  promptTokens: number;
  completionTokens: number;
}

export interface CallOptions {
  client: OpenAIChatClient;
  model: string;
  text: string;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  secret: string | undefined;
}

function readAnswer(message: { content?: string | null; parsed?: unknown; refusal?: string | null }): LlmAnswer {
  if (message.refusal) throw new LlmResponseError("the model refused");
  let raw = message.parsed;
  if (raw === undefined || raw === null) {
    if (typeof message.content !== "string") throw new LlmResponseError("empty answer");
    try {
      raw = JSON.parse(message.content);
    } catch (cause) {
      throw new LlmResponseError("invalid structured output JSON", cause);
    }
  }
  // Validate even what the SDK parsed: a compatible server may ignore the schema.
  const result = llmAnswerSchema.safeParse(raw);
  if (!result.success) throw new LlmResponseError("answer does not match the schema", result.error);
  return result.data;
}

/** Calls the model with a hard timeout; every failure comes back as a typed error. */
export async function callModel(options: CallOptions): Promise<ModelReply> {
  const controller = new AbortController();
  let reason: "timeout" | "caller" | undefined;
  const timer = setTimeout(() => {
    reason ??= "timeout";
    controller.abort();
  }, options.timeoutMs);
  // A pending LLM call must never keep the process alive.
  timer.unref();
  const onAbort = () => {
    reason ??= "caller";
    controller.abort();
  };
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    if (options.signal?.aborted) onAbort();
    const completion = await options.client.chat.completions.parse(
      {
        model: options.model,
        temperature: 0,
        messages: [
          { role: "system", content: SYSTEM_PROMPT },
          { role: "user", content: JSON.stringify({ message: options.text }) },
        ],
        response_format: await responseFormat(),
      },
      { signal: controller.signal, timeout: options.timeoutMs },
    );
    const message = completion.choices[0]?.message;
    if (!message) throw new LlmResponseError("no choice in the answer");
    return {
      answer: readAnswer(message),
      promptTokens: completion.usage?.prompt_tokens ?? 0,
      completionTokens: completion.usage?.completion_tokens ?? 0,
    };
  } catch (error) {
    throw toLlmError(error, options.timeoutMs, reason, options.secret);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}
