// Security events are tracked as errors of their own names, so alert rules can count them apart
// (`errorName` of a threshold rule) and the dashboard's top errors show them.

/** A webhook delivery refused: no `X-Hub-Signature-256`, or one that does not match the body. */
export const WEBHOOK_SIGNATURE_ERROR = "WebhookSignatureError";
/** A dashboard API call with a token that is malformed or not signed by the configured key. */
export const DASHBOARD_TOKEN_ERROR = "DashboardTokenError";

/** The error tracked for a security event: its name is the event's kind; the message never quotes the request. */
export function securityEvent(
  name: typeof WEBHOOK_SIGNATURE_ERROR | typeof DASHBOARD_TOKEN_ERROR,
  reason: string,
): Error {
  const error = new Error(reason);
  error.name = name;
  return error;
}
