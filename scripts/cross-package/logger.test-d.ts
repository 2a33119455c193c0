// Every package declares its logger at src/logger.ts (leaves share no package, so none can import another's),
// and an app passes one logger to all of them. This pins the declarations to one shape: each package's
// Logger is assignable to every other's, so a method added to, renamed in or retyped in one of them fails here.
import { describe, expectTypeOf, it } from "vitest";
import type { Logger as AnalyticsLogger } from "../../packages/analytics/src/logger.js";
import type { CacheLogger } from "../../packages/cache/src/logger.js";
import type { Logger as FlowsLogger } from "../../packages/flows/src/logger.js";
import type { PaymentsLogger } from "../../packages/payments/src/logger.js";
import type { Logger as SmartFallbackLogger } from "../../packages/smart-fallback/src/logger.js";
import type { Logger as WhatsAppLogger } from "../../packages/whatsapp-client/src/logger.js";

/** One tuple entry per package; add a new package's logger here. */
type Loggers = [AnalyticsLogger, CacheLogger, FlowsLogger, PaymentsLogger, SmartFallbackLogger, WhatsAppLogger];

/** `true` when every member of `T` is assignable to every member of `T`, else the first pair that is not. */
type MutuallyAssignable<T extends unknown[]> = {
  [I in keyof T]: { [J in keyof T]: [T[I]] extends [T[J]] ? true : { from: I; to: J } }[number];
}[number];

describe("the Logger of every package", () => {
  it("is assignable to the Logger of every other package", () => {
    expectTypeOf<MutuallyAssignable<Loggers>>().toEqualTypeOf<true>();
  });

  it("is met by console, as each README says", () => {
    expectTypeOf(console).toExtend<Loggers[number]>();
    expectTypeOf(console).toExtend<AnalyticsLogger & CacheLogger & FlowsLogger>();
    expectTypeOf(console).toExtend<PaymentsLogger & SmartFallbackLogger & WhatsAppLogger>();
  });
});
