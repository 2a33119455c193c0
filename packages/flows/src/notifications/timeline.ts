import type { Mission, Order } from "../backend/types.js";
import { missionStatuses, orderStatuses } from "../domain.js";
import { describePlace } from "../flows/shared/place.js";
import type { Catalogue } from "../i18n/catalogue-type.js";
import { formatPhone, formatXaf } from "../i18n/format.js";
import type { Locale } from "../sessions/types.js";
import { TIME_ZONE } from "../time-zone.js";

const clock = (iso: string | undefined, locale: Locale): string => {
  if (!iso) return "";
  const time = new Date(iso).toLocaleTimeString(locale === "fr" ? "fr-FR" : "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: TIME_ZONE,
  });
  return ` — ${time}`;
};

function lines<S extends string>(
  order: readonly S[],
  current: S | "cancelled",
  history: ReadonlyArray<{ status: string; at: string }>,
  label: (s: S) => string,
  locale: Locale,
): string[] {
  const cancelled = current === "cancelled";
  // A cancelled item stops at the last status it reached.
  const index = cancelled
    ? Math.max(-1, ...history.map((h) => order.indexOf(h.status as S)))
    : order.indexOf(current as S);
  return order.map((s, i) => {
    const at = history.findLast((h) => h.status === s)?.at;
    // ✅ reached, 🔵 under way (the next one), ⚪ still to come.
    const mark = i <= index ? "✅" : i === index + 1 && !cancelled ? "🔵" : "⚪";
    return `${mark} ${label(s)}${i <= index ? clock(at, locale) : ""}`;
  });
}

/** The 7-status timeline of a mission with its route, recipient, value and driver. */
export function missionTimeline(mission: Mission, t: Catalogue, locale: Locale): string {
  const header = t.tracking.missionHeader({
    reference: mission.reference,
    pickup: describePlace(mission.pickup, t),
    destination: describePlace(mission.destination, t),
    recipient: `${mission.recipient.name} (${formatPhone(mission.recipient.phone)})`,
    value: formatXaf(mission.parcelValue, locale),
    driver: mission.driver ? `${mission.driver.name} (${formatPhone(mission.driver.phone)})` : undefined,
  });
  const body = lines(missionStatuses, mission.status, mission.history, (s) => t.missionStatus[s], locale);
  if (mission.status === "cancelled") body.push(t.tracking.cancelled);
  return `${header}\n\n${body.join("\n")}`;
}

/** The timeline of a marketplace order. */
export function orderTimeline(order: Order, t: Catalogue, locale: Locale): string {
  const header = t.tracking.orderHeader({
    reference: order.reference,
    merchant: order.merchantName,
    total: formatXaf(order.total, locale),
    address: describePlace(order.address, t),
  });
  const body = lines(orderStatuses, order.status, order.history, (s) => t.orderStatus[s], locale);
  if (order.status === "cancelled") body.push(t.tracking.cancelled);
  return `${header}\n\n${body.join("\n")}`;
}
