import { LlmUnavailableError } from "../errors.js";
import type { ResolvedOptions } from "./options.js";
import type { OpenAIChatClient } from "./types.js";

/**
 * Creates an `openai` client on first use. The import is dynamic so users who never configure
 * a key never need the optional `openai` package installed.
 */
export async function createClient(options: ResolvedOptions): Promise<OpenAIChatClient> {
  let mod: typeof import("openai");
  try {
    mod = await import("openai");
  } catch (cause) {
    throw new LlmUnavailableError('the optional peer dependency "openai" is not installed', cause);
  }
  const OpenAI = mod.default;
  return new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
  }) as unknown as OpenAIChatClient;
}
