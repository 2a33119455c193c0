import type { Mission, TokTokBackend } from "../../backend/types.js";
import type { Catalogue } from "../../i18n/catalogue-type.js";
import { formatXaf } from "../../i18n/format.js";
import type { Locale } from "../../sessions/types.js";

/**
 * Whether a mission was paid by Mobile Money before it was created (the flows create such a mission only
 * once its payment succeeded): its driver collects nothing.
 */
export const isPaidInAdvance = (mission: Pick<Mission, "payment">): boolean =>
  mission.payment === "mtn_momo" || mission.payment === "airtel_money";

/**
 * The line telling a driver what to collect on a mission, wherever he sees it (the offer, its details, the
 * accept confirmation): nothing when it was paid by Mobile Money; else, in cash, its price — or, for a shop
 * order's delivery, the order's total (goods and delivery fee), read from the backend. A failed read (or a
 * backend without orders) names the order instead of guessing an amount.
 */
export async function collectLine(
  backend: { orders?: Pick<TokTokBackend["orders"], "get"> },
  mission: Pick<Mission, "payment" | "price" | "orderReference">,
  t: Catalogue,
  locale: Locale,
): Promise<string> {
  if (mission.payment === "mtn_momo" || mission.payment === "airtel_money") {
    return t.driver.paidBy(t.marketplace.payment[mission.payment]);
  }
  if (mission.orderReference === undefined) return t.driver.collectCash(formatXaf(mission.price, locale));
  const order = await backend.orders?.get(mission.orderReference).catch(() => undefined);
  return order ? t.driver.collectCash(formatXaf(order.total, locale)) : t.driver.collectOrder(mission.orderReference);
}
