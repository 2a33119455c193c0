import type { Mission } from "../../backend/types.js";
import { captureSends } from "../../delivery/turn-capture.js";
import { type DispatchTexts, dispatchTexts } from "../../dispatch/texts.js";
import type { Locale } from "../../sessions/types.js";

/**
 * Tells the driver who had accepted `mission` what the customer just did to it (cancelled, moved), in
 * the driver's own language, from the turn's outbox (sent once, after the turn, with retries). The
 * customer's flows are the one place that does it, so he hears it once, with dispatch on or off.
 */
export async function tellDriver(
  mission: Mission,
  localeOf: (userId: string) => Promise<Locale>,
  text: (t: DispatchTexts, locale: Locale) => string,
): Promise<void> {
  if (!mission.driver) return;
  const to = mission.driver.phone.replace(/\D/g, "");
  const locale = await localeOf(to);
  captureSends([{ to, reply: { type: "text", body: text(dispatchTexts[locale], locale) } }]);
}
