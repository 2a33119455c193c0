import type { Mission } from "../backend/types.js";
import { captureSends } from "../delivery/turn-capture.js";
import { maskPhone } from "../errors.js";
import { formatDateText } from "../i18n/date-text.js";
import type { Logger } from "../logger.js";
import type { Messenger } from "../messaging/messenger.js";
import { type Reply, sendReply } from "../messaging/reply.js";
import { driverCard } from "../notifications/status-messages.js";
import type { Notifier } from "../notifications/types.js";
import type { Locale } from "../sessions/types.js";
import { dispatchTexts } from "./texts.js";
import type { DriverState } from "./types.js";

/** What {@link tellCustomerAccepted} sends with. */
export interface CustomerNoticeDeps {
  messenger: Messenger;
  notifier: Pick<Notifier, "notifyMissionStatus"> | undefined;
  locale: Locale;
  now: () => number;
  logger: Logger;
}

/**
 * Tells a mission's customer a driver accepted it: the notifier's acceptance message (with the driver's
 * card; without a notifier the card alone), the driver's pin when his position is known, and the ETA in
 * words. A failure is logged: the assignment stands, and "où est mon colis" still answers.
 */
export async function tellCustomerAccepted(
  deps: CustomerNoticeDeps,
  mission: Mission,
  state: DriverState | undefined,
  eta: number | undefined,
): Promise<void> {
  const { messenger, notifier, locale } = deps;
  const t = dispatchTexts[locale];
  const to = mission.clientPhone.replace(/\D/g, "");
  const driver = mission.driver;
  if (!driver) return;
  const replies: Reply[] = [];
  if (!notifier) replies.push({ type: "contacts", contacts: [driverCard(driver)] });
  if (state?.location) replies.push({ type: "location", ...state.location, name: `${t.driverPin} — ${driver.name}` });
  if (eta !== undefined) {
    const at = formatDateText(new Date(deps.now() + eta * 60_000), locale);
    replies.push({ type: "text", body: t.eta(driver.name, eta, at) });
  }
  try {
    if (notifier) await notifier.notifyMissionStatus(mission, "accepted");
    // Inside a driver's turn they go out from the turn's outbox, after it is committed; else now.
    const captured = captureSends(
      replies.map((reply, i) => ({ to, reply, ...(i > 0 ? { dropIfWindowClosed: true as const } : {}) })),
    );
    if (captured) return;
    for (const reply of replies) await sendReply(messenger, to, reply);
  } catch (err) {
    deps.logger.error("flows: dispatch customer notice failed", { to: maskPhone(to), error: String(err) });
  }
}
