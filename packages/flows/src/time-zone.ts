// The one place flows says which clock its dates are read and written in. TokTok delivers in
// Brazzaville, so every date shown to a person (timelines, "jeudi 21 novembre à 10 h 05", a
// driver's "today") and every time a customer types ("demain à 10h") is Brazzaville time.

/** The IANA zone of every date flows shows or reads: `Africa/Brazzaville` (West Africa Time). */
export const TIME_ZONE = "Africa/Brazzaville";

/**
 * {@link TIME_ZONE}'s offset from UTC, milliseconds: UTC+1 all year (no daylight saving), so wall-clock
 * arithmetic may use it instead of `Intl` (`time-zone.test.ts` checks the two agree over a year).
 */
export const TIME_ZONE_OFFSET_MS = 3_600_000;
