import type { FeedbackSink, MissionFeedback, Satisfaction } from "./types.js";

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Average, share of low ratings (2 or less) and per-driver averages of `feedbacks`. */
export function satisfactionOf(feedbacks: readonly MissionFeedback[]): Satisfaction {
  const byDriver: Satisfaction["byDriver"] = {};
  const sums = new Map<string, number>();
  for (const f of feedbacks) {
    if (!f.driverId) continue;
    const d = byDriver[f.driverId] ?? { ...(f.driverName ? { name: f.driverName } : {}), count: 0, average: 0 };
    d.count += 1;
    sums.set(f.driverId, (sums.get(f.driverId) ?? 0) + f.rating);
    d.average = round1((sums.get(f.driverId) ?? 0) / d.count);
    byDriver[f.driverId] = d;
  }
  const count = feedbacks.length;
  return {
    count,
    average: count === 0 ? 0 : round1(feedbacks.reduce((s, f) => s + f.rating, 0) / count),
    lowShare: count === 0 ? 0 : feedbacks.filter((f) => f.rating <= 2).length / count,
    byDriver,
  };
}

/**
 * An in-memory {@link FeedbackSink}: one rating per mission (a later answer replaces the earlier one),
 * read back with {@link FeedbackLog.satisfaction}. For one process and tests; keep ratings in your
 * backend or database in production.
 */
export class FeedbackLog implements FeedbackSink {
  readonly #byMission = new Map<string, MissionFeedback>();

  recordFeedback(feedback: MissionFeedback): void {
    this.#byMission.set(feedback.missionId, { ...feedback });
  }

  /** Every rating, oldest first. */
  all(): MissionFeedback[] {
    return [...this.#byMission.values()].sort((a, b) => a.at.localeCompare(b.at));
  }

  satisfaction(): Satisfaction {
    return satisfactionOf(this.all());
  }
}
