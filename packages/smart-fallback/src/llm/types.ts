/** A chat message sent to the model. */
export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

/** The `response_format` the request carries (what `zodResponseFormat` builds). */
export interface JsonSchemaResponseFormat {
  type: "json_schema";
  json_schema: { name: string; strict?: boolean | null; schema?: Record<string, unknown>; description?: string };
}

/** The request body of `chat.completions.parse`. */
export interface ChatParseBody {
  model: string;
  messages: ChatMessage[];
  response_format: JsonSchemaResponseFormat;
  temperature?: number;
}

/** Per-request options understood by the `openai` client. */
export interface ChatRequestOptions {
  signal?: AbortSignal;
  timeout?: number;
  maxRetries?: number;
}

/** The parts of a chat completion we read. */
export interface ChatParseResult {
  choices: Array<{ message: { content?: string | null; parsed?: unknown; refusal?: string | null } }>;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens?: number } | null;
}

/**
 * The slice of an `openai` client the package uses: an `OpenAI` instance (from the `openai`
 * package, pointed at OpenAI, OpenRouter or any compatible server) fits it.
 */
export interface OpenAIChatClient {
  chat: {
    completions: {
      parse(body: ChatParseBody, options?: ChatRequestOptions): PromiseLike<ChatParseResult>;
    };
  };
}

/**
 * A cache the results go through — `TtlCache` from `@toktok/cache`, a `Map`-like wrapper
 * or a Redis adapter. Methods may be sync or async. `ttl` is in milliseconds.
 */
export interface SmartFallbackCache {
  get(key: string): unknown;
  set(key: string, value: unknown, options?: { ttl?: number }): unknown;
}
