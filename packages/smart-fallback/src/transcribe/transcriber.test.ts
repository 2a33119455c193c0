import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { describeWithSpeech, speak } from "../../../../scripts/speech.js";
import {
  createTranscriber,
  LlmRateLimitError,
  LlmRequestError,
  LlmTimeoutError,
  SmartFallbackAbortError,
  SmartFallbackValidationError,
} from "../index.js";
import { recordingLogger } from "../recording-logger.test-helper.js";
import { startTranscriptionStandIn, type TranscriptionStandIn } from "../testing/index.js";

const KEY = "sk-voice-secret-4242";
const SENTENCE = "Je veux envoyer un colis à Poto-Poto";

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

const oneKb = { data: new Uint8Array(1024).fill(7), mimeType: "audio/ogg; codecs=opus" };

describe("createTranscriber against a loopback /audio/transcriptions", () => {
  let whisper: TranscriptionStandIn;

  beforeAll(async () => {
    whisper = await startTranscriptionStandIn({ apiKey: KEY });
  });
  afterAll(() => whisper.close());
  beforeEach(() => whisper.answerWith(() => ({ text: "  bonjour  " })));

  describeWithSpeech("on a voice note espeak-ng spoke", () => {
    it("uploads the OGG/Opus bytes with the model, French and the bearer key, and returns the text", async () => {
      const note = speak(SENTENCE);
      whisper.answerWith((request) => ({
        // The stand-in hears what was uploaded: the exact recording, or nothing it knows.
        text: Buffer.from(request.bytes).equals(Buffer.from(note.bytes)) ? SENTENCE : "",
      }));
      const { logger, lines } = recordingLogger();
      const transcriber = createTranscriber({
        baseURL: whisper.baseURL,
        apiKey: KEY,
        model: "whisper-large-v3",
        logger,
      });
      const result = await transcriber.transcribe({ data: note.bytes, mimeType: note.mimeType });
      expect(result).toEqual({ text: SENTENCE, model: "whisper-large-v3" });
      const request = whisper.requests.at(-1);
      expect(request?.model).toBe("whisper-large-v3");
      expect(request?.language).toBe("fr");
      expect(request?.responseFormat).toBe("json");
      expect(request?.authorization).toBe(`Bearer ${KEY}`);
      expect(request?.filename).toMatch(note.mimeType.startsWith("audio/ogg") ? /\.ogg$/ : /\.wav$/);
      expect(request?.bytes.byteLength).toBe(note.bytes.byteLength);
      // OGG pages start with "OggS"; a WAV (no opusenc) with "RIFF".
      expect(Buffer.from(request?.bytes.subarray(0, 4) ?? []).toString("latin1")).toMatch(/^(OggS|RIFF)$/);
      expect(lines.join("\n")).not.toContain(KEY);
    });
  });

  it("sends the call's language instead of the default, and trims the transcript", async () => {
    const transcriber = createTranscriber({ baseURL: whisper.baseURL, apiKey: KEY });
    const result = await transcriber.transcribe(oneKb, { language: "ln" });
    expect(result.text).toBe("bonjour");
    expect(whisper.requests.at(-1)?.language).toBe("ln");
    expect(whisper.requests.at(-1)?.model).toBe("whisper-1");
  });

  it("refuses a type Whisper cannot read, an oversized and an empty file before any request", async () => {
    const transcriber = createTranscriber({ baseURL: whisper.baseURL, apiKey: KEY, maxBytes: 1000 });
    const before = whisper.requests.length;
    const amr = await failure(transcriber.transcribe({ data: new Uint8Array(10), mimeType: "audio/amr" }));
    expect(SmartFallbackValidationError.isInstance(amr) && amr.field).toBe("audio.mimeType");
    expect(String(amr)).toContain("audio/amr");
    const big = await failure(transcriber.transcribe(oneKb));
    expect(SmartFallbackValidationError.isInstance(big) && big.field).toBe("audio.size");
    expect(String(big)).toContain("at most 1000 bytes (got 1024)");
    const empty = await failure(transcriber.transcribe({ data: new Uint8Array(0), mimeType: "audio/ogg" }));
    expect(SmartFallbackValidationError.isInstance(empty) && empty.field).toBe("audio.data");
    expect(whisper.requests.length).toBe(before);
    expect(transcriber.accepts("audio/ogg; codecs=opus")).toBe(true);
    expect(transcriber.accepts("audio/aac")).toBe(false);
  });

  it("times out on an endpoint that never answers, and stops when the caller aborts", async () => {
    whisper.answerWith(() => ({ hang: true }));
    const transcriber = createTranscriber({ baseURL: whisper.baseURL, apiKey: KEY, timeoutMs: 150 });
    const late = await failure(transcriber.transcribe(oneKb));
    expect(LlmTimeoutError.isInstance(late)).toBe(true);
    const controller = new AbortController();
    const pending = transcriber.transcribe(oneKb, { signal: controller.signal });
    controller.abort();
    expect(SmartFallbackAbortError.isInstance(await failure(pending))).toBe(true);
  });

  it("reports HTTP errors with the server's words and never the key", async () => {
    const transcriber = createTranscriber({ baseURL: whisper.baseURL, apiKey: KEY });
    whisper.answerWith(() => ({ status: 500, message: "The server had an error while processing your request." }));
    const down = await failure(transcriber.transcribe(oneKb));
    expect(LlmRequestError.isInstance(down) && down.status).toBe(500);
    expect(LlmRequestError.isInstance(down) && down.retryable).toBe(true);
    expect(String(down)).toContain("The server had an error");
    whisper.answerWith(() => ({ status: 429, message: "Rate limit reached", retryAfterSeconds: 2 }));
    expect(LlmRateLimitError.isInstance(await failure(transcriber.transcribe(oneKb)))).toBe(true);
    const wrongKey = createTranscriber({ baseURL: whisper.baseURL, apiKey: "sk-wrong-key-777" });
    const refused = await failure(wrongKey.transcribe(oneKb));
    expect(LlmRequestError.isInstance(refused) && refused.status).toBe(401);
    expect(LlmRequestError.isInstance(refused) && refused.retryable).toBe(false);
    expect(`${String(refused)} ${JSON.stringify(refused)}`).not.toContain("sk-wrong-key-777");
  });

  it("reports an endpoint nothing listens on as a retryable request error", async () => {
    const closed = await startTranscriptionStandIn();
    const baseURL = closed.baseURL;
    await closed.close();
    const error = await failure(createTranscriber({ baseURL }).transcribe(oneKb));
    expect(LlmRequestError.isInstance(error) && error.status).toBe(undefined);
    expect(LlmRequestError.isInstance(error) && error.retryable).toBe(true);
  });

  it("validates its options, naming the field", () => {
    const fieldOf = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return SmartFallbackValidationError.isInstance(error) ? error.field : "other";
      }
      return "none";
    };
    expect(fieldOf(() => createTranscriber({}))).toBe("apiKey");
    expect(fieldOf(() => createTranscriber({ apiKey: KEY, language: "French" }))).toBe("language");
    expect(fieldOf(() => createTranscriber({ baseURL: "ftp://example.org" }))).toBe("baseURL");
    expect(fieldOf(() => createTranscriber({ apiKey: KEY, maxBytes: 0 }))).toBe("maxBytes");
    expect(createTranscriber({ apiKey: KEY }).maxBytes).toBe(25 * 1024 * 1024);
  });
});
