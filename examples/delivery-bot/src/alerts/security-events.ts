// Security events are tracked as errors of their own names, so alert rules can count them apart
// (`errorName` of a threshold rule) and the dashboard's top errors show them — but outside the error
// rate (`countsInErrorRate: false`): a flood of forged requests is an attack, not the bot failing, and
// must raise its security alert without firing the error-rate one.
import type { TrackErrorOptions } from "@toktok/analytics";

/** A webhook delivery refused: no `X-Hub-Signature-256`, or one that does not match the body. */
export const WEBHOOK_SIGNATURE_ERROR = "WebhookSignatureError";
/** A dashboard API call with a token that is malformed or not signed by the configured key. */
export const DASHBOARD_TOKEN_ERROR = "DashboardTokenError";

/** A security event's name. */
export type SecurityEventName = typeof WEBHOOK_SIGNATURE_ERROR | typeof DASHBOARD_TOKEN_ERROR;

/** The part of the analytics a security event is reported to. */
export interface SecuritySink {
  trackError(error: unknown, context?: undefined, options?: TrackErrorOptions): void;
}

/** Tracks a security event: in top errors and the security alerts, not in the error rate. */
export function trackSecurityEvent(analytics: SecuritySink, name: SecurityEventName, reason: string): void {
  analytics.trackError(securityEvent(name, reason), undefined, { countsInErrorRate: false });
}

/** The error tracked for a security event: its name is the event's kind; the message never quotes the request. */
function securityEvent(name: SecurityEventName, reason: string): Error {
  const error = new Error(reason);
  error.name = name;
  return error;
}
