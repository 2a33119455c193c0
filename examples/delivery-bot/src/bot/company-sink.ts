import type { Analytics } from "@toktok/analytics";
import type { AnalyticsSink } from "@toktok/flows";

type Meta = Parameters<Analytics["trackConversion"]>[3];
type Role = Parameters<Analytics["trackSessionStart"]>[1];

/**
 * The engine's analytics sink: the analytics as they are, except that a conversion naming its merchant
 * (`metadata.merchantId`, as marketplace orders do) is tracked under that company, so a merchant's
 * figures (`?company=`) hold its orders and the companies' figures add up to the totals.
 */
export function companySink(analytics: Analytics): AnalyticsSink {
  return {
    trackSessionStart: (user, role) => analytics.trackSessionStart(user, role as Role),
    trackMessage: (user, type) => analytics.trackMessage(user, type),
    trackFunnelStep: (user, flow, step) => analytics.trackFunnelStep(user, flow, step),
    trackConversion: (user, type, value, metadata) => {
      const company = metadata?.merchantId;
      analytics.trackConversion(
        user,
        type,
        value,
        metadata as Meta,
        typeof company === "string" && company !== "" ? { companyId: company } : undefined,
      );
    },
  };
}
