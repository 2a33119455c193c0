import { describe, expect, it } from "vitest";
import {
  PhoneNumberError,
  WebhookError,
  WhatsAppApiError,
  WhatsAppError,
  WhatsAppTimeoutError,
  WhatsAppValidationError,
} from "./errors.js";

describe("errors", () => {
  it("isInstance works on a copy from another install (Symbol.for marker), not on look-alikes", () => {
    const e = new WhatsAppApiError({ status: 400, code: 131047, message: "outside window" });
    const copy = Object.assign(Object.create(Error.prototype), e, {
      [Symbol.for("@toktok/whatsapp-client/error")]: ["WhatsAppError", "WhatsAppApiError"],
    });
    expect(copy instanceof WhatsAppApiError).toBe(false);
    expect(WhatsAppApiError.isInstance(copy)).toBe(true);
    expect(WhatsAppError.isInstance(copy)).toBe(true);
    expect(WhatsAppApiError.isInstance(new Error("x"))).toBe(false);
    expect(WhatsAppApiError.isInstance({ code: 131047 })).toBe(false);
    expect(WhatsAppValidationError.isInstance(e)).toBe(false);
  });

  it("carries name, code, retryable and the template flag", () => {
    const e = new WhatsAppApiError({ status: 400, code: 131047, message: "m" });
    expect(e).toMatchObject({ name: "WhatsAppApiError", code: 131047, requiresTemplate: true, retryable: false });
    expect(new WhatsAppApiError({ status: 502, code: 0, message: "m" }).retryable).toBe(true);
    expect(new WhatsAppApiError({ status: 500, code: 131047, message: "m" }).retryable).toBe(false);
    expect(new WhatsAppTimeoutError(10)).toMatchObject({ code: "WHATSAPP_TIMEOUT", retryable: true });
    const p = new PhoneNumberError("to", "too short");
    expect(WhatsAppValidationError.isInstance(p) && PhoneNumberError.isInstance(p)).toBe(true);
    expect(p.message).toBe("Invalid to: too short");
    expect(new WebhookError("WHATSAPP_INVALID_PAYLOAD", "bad", "entry[0]").message).toBe("bad at entry[0]");
  });
});
