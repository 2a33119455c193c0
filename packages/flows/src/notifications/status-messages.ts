import type { Mission, Order } from "../backend/types.js";
import type { MissionStatus, OrderStatus } from "../domain.js";
import { describePlace } from "../flows/shared/place.js";
import type { Catalogue } from "../i18n/catalogue-type.js";
import { formatXaf } from "../i18n/format.js";
import type { ContactCard } from "../messaging/messenger.js";
import type { Reply } from "../messaging/reply.js";
import type { Locale } from "../sessions/types.js";
import { missionTimeline, orderTimeline } from "./timeline.js";

/** One recipient and what to send them. */
export interface Delivery {
  to: string;
  replies: Reply[];
}

const digits = (phone: string): string => phone.replace(/\D/g, "");

/** The driver as a WhatsApp contact card; `title` is the job shown on the card. */
export function driverCard(driver: NonNullable<Mission["driver"]>, title = "Livreur TokTok"): ContactCard {
  const [firstName, ...rest] = driver.name.split(" ");
  return {
    name: {
      formattedName: driver.name,
      ...(firstName ? { firstName } : {}),
      ...(rest.length > 0 ? { lastName: rest.join(" ") } : {}),
    },
    phones: [{ phone: `+${digits(driver.phone)}`, type: "WORK", waId: digits(driver.phone) }],
    org: { company: "TokTok", title },
  };
}

function missionHeadline(m: Mission, status: MissionStatus, t: Catalogue, locale: Locale): string {
  // A shop order's delivery speaks of the order the customer knows (CMD-…), not of a courier parcel.
  const n = m.orderReference ? t.notify.orderDelivery : t.notify.mission;
  const reference = m.orderReference ?? m.reference;
  switch (status) {
    case "pending":
      return n.pending(reference, formatXaf(m.price, locale));
    case "accepted":
      return n.accepted(reference, m.driver?.name ?? "—");
    case "pickup_arrived":
      return n.pickup_arrived(reference, describePlace(m.pickup, t));
    case "picked_up":
      return n.picked_up(reference, describePlace(m.destination, t));
    case "in_transit":
      return n.in_transit(reference, describePlace(m.destination, t));
    case "arrived":
      return n.arrived(reference, describePlace(m.destination, t));
    case "delivered":
      return n.delivered(reference);
    case "cancelled":
      return n.cancelled(reference);
  }
}

/** The messages of a mission status: the customer's rich update with the timeline, the driver's card on acceptance, and the recipient's heads-up once on the way. */
export function missionDeliveries(m: Mission, status: MissionStatus, t: Catalogue, locale: Locale): Delivery[] {
  const view: Mission = { ...m, status };
  const headline = missionHeadline(view, status, t, locale);
  // Its timeline is titled with the order's reference too: the customer never saw the mission's.
  const timeline = missionTimeline(m.orderReference ? { ...view, reference: m.orderReference } : view, t, locale);
  const card = status === "accepted" && m.driver ? driverCard(m.driver, t.notify.driverTitle) : undefined;
  // The acceptance headline ends with "Voici son contact :": it goes last, right before the card.
  const client: Reply[] = [{ type: "text", body: card ? `${timeline}\n\n${headline}` : `${headline}\n\n${timeline}` }];
  if (card) client.push({ type: "contacts", contacts: [card] });
  const out: Delivery[] = [{ to: digits(m.clientPhone), replies: client }];
  const recipient = digits(m.recipient.phone);
  if (status === "in_transit" && recipient !== "" && recipient !== digits(m.clientPhone)) {
    out.push({
      to: recipient,
      replies: [
        {
          type: "text",
          body: t.notify.mission.recipient(
            m.reference,
            m.driver?.name ?? "—",
            m.clientName ?? `+${digits(m.clientPhone)}`,
          ),
        },
        ...(m.driver ? [{ type: "contacts" as const, contacts: [driverCard(m.driver, t.notify.driverTitle)] }] : []),
      ],
    });
  }
  return out;
}

function orderHeadline(o: Order, status: OrderStatus, t: Catalogue): string {
  const n = t.notify.order;
  switch (status) {
    case "pending":
      return n.pending(o.reference, o.merchantName);
    case "confirmed":
      return n.confirmed(o.reference, o.merchantName);
    case "ready":
      return n.ready(o.reference);
    case "in_delivery":
      return n.in_delivery(o.reference);
    case "delivered":
      return n.delivered(o.reference);
    case "cancelled":
      return n.cancelled(o.reference);
  }
}

/** The messages of an order status: the customer's update with the timeline, and the merchant's alert for a new order. */
export function orderDeliveries(
  o: Order,
  status: OrderStatus,
  t: Catalogue,
  locale: Locale,
  merchantPhone: string | undefined,
): Delivery[] {
  const view: Order = { ...o, status };
  const out: Delivery[] = [
    {
      to: digits(o.clientPhone),
      replies: [{ type: "text", body: `${orderHeadline(view, status, t)}\n\n${orderTimeline(view, t, locale)}` }],
    },
  ];
  if (status === "pending" && merchantPhone) {
    const lines = o.items
      .map((l) => `• ${t.marketplace.line(l.quantity, l.name, formatXaf(l.unitPrice * l.quantity, locale))}`)
      .join("\n");
    out.push({
      to: digits(merchantPhone),
      replies: [{ type: "text", body: t.notify.order.merchantNew(o.reference, lines, formatXaf(o.total, locale)) }],
    });
  }
  if (status === "cancelled" && merchantPhone) {
    out.push({
      to: digits(merchantPhone),
      replies: [{ type: "text", body: t.notify.order.merchantCancelled(o.reference) }],
    });
  }
  return out;
}
