// @toktok/flows declares the Mobile Money port it needs and @toktok/payments implements it, neither importing
// the other (both are leaves for each other). This pins the seam: the collector is a port as is, and the two
// lists of failure reasons are the same, so a reason added on one side fails here until the other follows.
import { describe, expectTypeOf, it } from "vitest";
import type { MobileMoneyFailure, MobileMoneyPayments } from "../../packages/flows/src/payments/mobile-money.js";
import type { PaymentCollector } from "../../packages/payments/src/collector/payment-collector.js";
import type { FailureReason } from "../../packages/payments/src/core/types.js";

describe("the Mobile Money seam between flows and payments", () => {
  it("a PaymentCollector is the flows' payment port", () => {
    expectTypeOf<PaymentCollector>().toExtend<MobileMoneyPayments>();
  });

  it("both packages know the same failure reasons", () => {
    expectTypeOf<MobileMoneyFailure>().toEqualTypeOf<FailureReason>();
  });
});
