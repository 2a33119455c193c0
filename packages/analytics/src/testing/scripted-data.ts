// Deterministic scripted activity used by the unit tests (memory store) and the
// integration test (PostgresStore): both must report identical figures.
import type { Analytics } from "../analytics.js";

const DAY = 86_400_000;
/** 2026-11-01 00:00 in Africa/Brazzaville (UTC+1). */
export const START = Date.UTC(2026, 10, 1) - 3_600_000;
/** "Now" of the scripted clock: Sunday 2026-11-22 12:00 local. */
export const NOW = START + 21 * DAY + 12 * 3_600_000;

/** Plays 21 days of activity (2026-11-01 … 2026-11-21) into `a`, moving `clock.now`. */
export async function playScript(a: Analytics, clock: { now: number }): Promise<void> {
  for (let d = 0; d < 21; d++) {
    const dayStart = START + d * DAY;
    const weekday = ((d + 6) % 7) + 1; // 2026-11-01 is a Sunday (ISO 7)
    const lastWeek = d >= 14;
    const users = lastWeek ? 14 : 10;
    for (let u = 0; u < users; u++) {
      const user = `2420600${String(u).padStart(5, "0")}`;
      const role = u % 5 === 0 ? "livreur" : u % 7 === 0 ? "entreprise" : "client";
      clock.now = dayStart + 8 * 3_600_000 + u * 60_000;
      a.trackSessionStart(user, role);
      for (let m = 0; m < 3; m++) a.trackMessage(user, m === 2 ? "button_reply" : "text");
      clock.now += 1_000;
      a.trackFunnelStep(user, "courier", "start");
      a.trackResponseTime(200 + ((u * 37 + d * 11) % 900));
      // Mondays lose most users after the pickup step.
      const reach = weekday === 1 ? (u % 4 === 0 ? 4 : 2) : u % 5 === 0 ? 2 : 4;
      const steps = ["pickup", "destination", "confirm"];
      for (let s = 1; s < reach; s++) {
        clock.now += 30_000;
        a.trackFunnelStep(user, "courier", steps[s - 1] as string);
      }
      if (reach === 4) {
        clock.now += 5_000;
        a.trackConversion(user, "mission_created", 1500 + (u % 3) * 500, {
          zone: u % 2 === 0 ? "Poto-Poto" : "Bacongo",
        });
      }
      if (u % 4 === 1) a.trackError(new TypeError(`geocode failed`), { user, flow: "courier" });
      if (u === 3 && d % 3 === 0) a.trackError(new Error('=HYPERLINK("x")'), { flow: "courier" });
      if (u % 3 !== 0) {
        clock.now += 60_000;
        a.trackSessionEnd(user);
      }
    }
    const friday = weekday === 5;
    await a.recordDispatch({
      day: new Date(dayStart + 3_600_000).toISOString().slice(0, 10),
      total: 25,
      onTime: friday ? 15 : 22,
      late: friday ? 8 : 2,
      cancelled: friday ? 2 : 1,
      avgDelayMinutes: friday ? 18 : 6,
    });
  }
  clock.now = NOW;
}
