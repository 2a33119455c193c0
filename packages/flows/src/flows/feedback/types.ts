/** A customer's rating of one delivered mission. */
export interface MissionFeedback {
  missionId: string;
  reference: string;
  clientPhone: string;
  driverId?: string;
  driverName?: string;
  /** 1 (bad) to 5 (very good). */
  rating: number;
  comment?: string;
  /** ISO time of the answer. */
  at: string;
}

/** Where ratings go (your backend, a database, {@link FeedbackLog}). */
export interface FeedbackSink {
  recordFeedback(feedback: MissionFeedback): unknown;
}

/** Satisfaction over a set of ratings. */
export interface Satisfaction {
  count: number;
  /** Average rating, 1–5, one decimal (0 when there is none). */
  average: number;
  /** Share of ratings of 2 or less, 0–1. */
  lowShare: number;
  byDriver: Record<string, { name?: string; count: number; average: number }>;
}
