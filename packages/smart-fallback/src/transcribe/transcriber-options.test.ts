import { describe, expect, it } from "vitest";
import { SmartFallbackValidationError } from "../errors.js";
import { silentLogger } from "../logger.js";
import { DEFAULT_MAX_AUDIO_BYTES, resolveTranscriberOptions, type TranscriberOptions } from "./transcriber-options.js";

const fieldOf = (options: TranscriberOptions) => {
  try {
    resolveTranscriberOptions(options);
  } catch (error) {
    return SmartFallbackValidationError.isInstance(error) ? error.field : "other";
  }
  return "accepted";
};

describe("transcriber options (defaults in their zod schema)", () => {
  it("applies every default: OpenAI's endpoint, whisper-1 in French, 30 s, 25 MB, the global fetch, a silent logger", () => {
    expect(resolveTranscriberOptions({ apiKey: "sk-test" })).toEqual({
      endpoint: "https://api.openai.com/v1/audio/transcriptions",
      apiKey: "sk-test",
      model: "whisper-1",
      language: "fr",
      timeoutMs: 30_000,
      maxBytes: DEFAULT_MAX_AUDIO_BYTES,
      fetch: globalThis.fetch,
      logger: silentLogger,
    });
  });

  it("keeps the caller's fetch and logger as they are", () => {
    const fetch = (async () => new Response("{}")) as typeof globalThis.fetch;
    const logger = { ...silentLogger };
    const o = resolveTranscriberOptions({ baseURL: "http://127.0.0.1:8000/v1/", fetch, logger });
    expect(o.fetch).toBe(fetch);
    expect(o.logger).toBe(logger);
    expect(o.endpoint).toBe("http://127.0.0.1:8000/v1/audio/transcriptions");
  });

  it("names a bad fetch or logger", () => {
    expect(fieldOf({ apiKey: "sk-test", fetch: "fetch" as never })).toBe("fetch");
    expect(fieldOf({ apiKey: "sk-test", logger: { info: () => {} } as never })).toBe("logger");
  });
});
