/** WhatsApp's customer service window: free-form messages only within 24 h of the customer's last message. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Whether free text may go to a customer whose last message was at `lastInboundAt`. */
export const windowOpen = (lastInboundAt: number | undefined, now: number): boolean =>
  lastInboundAt !== undefined && now - lastInboundAt < SERVICE_WINDOW_MS;
