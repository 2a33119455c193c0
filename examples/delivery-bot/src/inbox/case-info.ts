import type { Mission, Order, TokTokBackend } from "@toktok/flows";

/** A driver's or merchant's contact beside the chat. */
export interface CaseContact {
  name: string;
  phone: string;
}

/** The mission or order beside a conversation: what the operator needs without leaving the chat. */
export interface CaseInfo {
  type: "mission" | "order";
  reference: string;
  status: string;
  /** XAF: a mission's price, an order's total. */
  amountXaf: number;
  timeline: Array<{ status: string; at: string }>;
  driver?: CaseContact & { lastPosition?: { latitude: number; longitude: number; at: string } };
  merchant?: CaseContact;
}

const newest = <T extends { createdAt: string }>(items: T[]): T | undefined =>
  items.reduce<T | undefined>(
    (best, item) => (best === undefined || item.createdAt > best.createdAt ? item : best),
    undefined,
  );

function driverOf(mission: Mission): CaseInfo["driver"] {
  if (!mission.driver) return undefined;
  const located = mission.history.filter((h) => h.location !== undefined).at(-1);
  return {
    name: mission.driver.name,
    phone: mission.driver.phone,
    ...(located?.location ? { lastPosition: { ...located.location, at: located.at } } : {}),
  };
}

/**
 * The customer's latest mission or order from the backend port (`missions.list` / `orders.list` by
 * their number): its timeline, amount, driver with phone and last reported position, merchant.
 */
export async function caseOf(backend: TokTokBackend, waId: string): Promise<CaseInfo | undefined> {
  const [missions, orders] = await Promise.all([
    backend.missions.list({ clientPhone: waId }),
    backend.orders.list({ clientPhone: waId }),
  ]);
  const mission = newest(missions);
  const order = newest(orders);
  if (order && (!mission || order.createdAt >= mission.createdAt || mission.orderReference === order.reference)) {
    return orderCase(
      backend,
      order,
      missions.find((m) => m.orderReference === order.reference),
    );
  }
  if (!mission) return undefined;
  const driver = driverOf(mission);
  return {
    type: "mission",
    reference: mission.reference,
    status: mission.status,
    amountXaf: mission.price,
    timeline: mission.history.map((h) => ({ status: h.status, at: h.at })),
    ...(driver ? { driver } : {}),
  };
}

async function orderCase(backend: TokTokBackend, order: Order, delivery: Mission | undefined): Promise<CaseInfo> {
  const merchant = await backend.catalogue.merchant(order.merchantId);
  const driver = delivery ? driverOf(delivery) : undefined;
  return {
    type: "order",
    reference: order.reference,
    status: order.status,
    amountXaf: order.total,
    timeline: order.history.map((h) => ({ status: h.status, at: h.at })),
    ...(driver ? { driver } : {}),
    merchant: { name: merchant?.name ?? order.merchantName, phone: merchant?.phone ?? "" },
  };
}
