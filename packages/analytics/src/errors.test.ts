import { describe, expect, it } from "vitest";
import { AnalyticsAbortError, AnalyticsAbortedError, AnalyticsError } from "./index.js";

describe("AnalyticsAbortError", () => {
  it("is thrown by throwIfAborted with the operation and the signal's reason", () => {
    const controller = new AbortController();
    controller.abort(new Error("user left"));
    let caught: unknown;
    try {
      AnalyticsAbortError.throwIfAborted(controller.signal, "read summary");
    } catch (error) {
      caught = error;
    }
    expect(AnalyticsAbortError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({
      name: "AnalyticsAbortError",
      code: "ANALYTICS_ABORTED",
      operation: "read summary",
      retryable: false,
    });
    expect((caught as Error).cause).toBe(controller.signal.reason);
    expect(AnalyticsError.isInstance(caught)).toBe(true);
  });

  it("keeps the former name AnalyticsAbortedError as the same class", () => {
    const error = new AnalyticsAbortedError("sync");
    expect(error).toBeInstanceOf(AnalyticsAbortError);
    expect(AnalyticsAbortedError.isInstance(new AnalyticsAbortError("sync"))).toBe(true);
  });
});
