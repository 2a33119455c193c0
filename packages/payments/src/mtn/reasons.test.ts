import { describe, expect, it } from "vitest";
import { FAILURE_REASONS } from "../core/types.js";
import { mtnFailureReason, mtnReasonCode } from "./reasons.js";

describe("MTN's reasons onto the package's failure reasons", () => {
  it.each([
    ["NOT_ENOUGH_FUNDS", "insufficient_funds"],
    ["APPROVAL_REJECTED", "rejected"],
    ["EXPIRED", "expired"],
    ["PAYER_NOT_FOUND", "payer_not_found"],
    ["PAYER_LIMIT_REACHED", "limit_reached"],
    ["NOT_ALLOWED", "not_allowed"],
    // MTN Congo's one code for a low balance, a limit or a ban: not claimed to be any one of them.
    ["LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED", "declined_unspecified"],
    ["low_balance_or_payee_limit_reached_or_not_allowed", "declined_unspecified"],
    ["INTERNAL_PROCESSING_ERROR", "unknown"],
  ])("%s → %s", (code, reason) => {
    expect(mtnFailureReason(code)).toBe(reason);
  });

  it("reads the combined code whether MTN sends it as a string or as { code, message }", () => {
    const code = "LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED";
    expect(mtnFailureReason(mtnReasonCode(code))).toBe("declined_unspecified");
    expect(mtnFailureReason(mtnReasonCode({ code, message: "Low balance" }))).toBe("declined_unspecified");
  });

  it("never maps onto a reason outside FAILURE_REASONS, and an absent code is unknown", () => {
    expect(mtnFailureReason(undefined)).toBe("unknown");
    expect(FAILURE_REASONS).toContain("declined_unspecified");
  });
});
