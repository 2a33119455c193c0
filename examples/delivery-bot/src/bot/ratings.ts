import type { Analytics } from "@toktok/analytics";
import type { FeedbackSink, MissionFeedback } from "@toktok/flows";

/**
 * The feedback flow's ratings recorded in the analytics (`trackRating`), so they last as long as the
 * analytics store (PostgreSQL in production) and reach `getSatisfaction`, `/api/analytics/satisfaction`
 * and the Quality tab. A bad rating is refused by the analytics' validation, never half-recorded.
 */
export function ratingsToAnalytics(analytics: Pick<Analytics, "trackRating">): FeedbackSink {
  return {
    recordFeedback(f: MissionFeedback): void {
      analytics.trackRating(f.clientPhone, {
        missionId: f.missionId,
        rating: f.rating,
        ...(f.driverId ? { driverId: f.driverId } : {}),
        ...(f.driverName ? { driverName: f.driverName } : {}),
        ...(f.comment ? { comment: f.comment } : {}),
      });
    },
  };
}
