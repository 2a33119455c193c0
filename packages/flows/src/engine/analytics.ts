/**
 * Where the engine reports sessions, messages, funnel steps and conversions.
 * `Analytics` from `@toktok/analytics` satisfies it; every method is optional.
 */
export interface AnalyticsSink {
  trackSessionStart?(user: string, role: string): unknown;
  trackMessage?(user: string, type: string): unknown;
  trackFunnelStep?(user: string, flow: string, step: string): unknown;
  trackConversion?(user: string, type: string, value: number, metadata?: Record<string, unknown>): unknown;
}

/** One analytics call, recorded during a turn and emitted once the session is saved. */
export type AnalyticsEvent =
  | { kind: "session"; user: string; role: string }
  | { kind: "message"; user: string; type: string }
  | { kind: "funnel"; user: string; flow: string; step: string }
  | { kind: "conversion"; user: string; type: string; value: number; metadata?: Record<string, unknown> };

/** Sends events to the sink; a failing sink never breaks a conversation. */
export async function emitAnalytics(
  sink: AnalyticsSink | undefined,
  events: readonly AnalyticsEvent[],
  onError: (err: unknown) => void,
): Promise<void> {
  if (!sink) return;
  for (const e of events) {
    try {
      switch (e.kind) {
        case "session":
          await sink.trackSessionStart?.(e.user, e.role);
          break;
        case "message":
          await sink.trackMessage?.(e.user, e.type);
          break;
        case "funnel":
          await sink.trackFunnelStep?.(e.user, e.flow, e.step);
          break;
        case "conversion":
          await sink.trackConversion?.(e.user, e.type, e.value, e.metadata);
          break;
      }
    } catch (err) {
      onError(err);
    }
  }
}
