import { describe, expect, it } from "vitest";
import { WhatsAppValidationError } from "../errors.js";
import { DEFAULT_API_VERSION, DEFAULT_BASE_URL, resolveOptions } from "./options.js";

const required = { accessToken: "token", phoneNumberId: "1234567890" };

describe("resolveOptions (defaults written once, in the zod schema)", () => {
  it("fills the documented defaults, the retry policy included", () => {
    const o = resolveOptions(required);
    expect(o).toMatchObject({ apiVersion: DEFAULT_API_VERSION, baseUrl: DEFAULT_BASE_URL, timeoutMs: 30_000 });
    expect(o.retry).toEqual({ maxRetries: 3, baseDelayMs: 250, maxDelayMs: 8000, retryAmbiguous: false });
  });

  it("keeps the defaults of the retry fields not given", () => {
    expect(resolveOptions({ ...required, retry: { maxRetries: 0 } }).retry).toEqual({
      maxRetries: 0,
      baseDelayMs: 250,
      maxDelayMs: 8000,
      retryAmbiguous: false,
    });
  });

  it("names a bad retry field", () => {
    const error = (() => {
      try {
        resolveOptions({ ...required, retry: { maxRetries: -1 } });
      } catch (e) {
        return e;
      }
    })();
    expect(WhatsAppValidationError.isInstance(error) && error.field).toBe("options.retry.maxRetries");
  });

  it("refuses a logger missing one of its four methods, and keeps a whole one as it is", () => {
    const fieldOf = (logger: unknown) => {
      try {
        resolveOptions({ ...required, logger: logger as never });
      } catch (e) {
        return WhatsAppValidationError.isInstance(e) ? e.field : "not a validation error";
      }
      return "accepted";
    };
    expect(fieldOf({ warn() {} })).toBe("options.logger");
    expect(fieldOf({ debug() {}, info() {}, warn() {} })).toBe("options.logger");
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    expect(resolveOptions({ ...required, logger }).logger).toBe(logger);
  });
});
