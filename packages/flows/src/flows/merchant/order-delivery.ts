import type { Mission, Order, TokTokBackend } from "../../backend/types.js";
import { isClosed, type MissionStatus, type OrderStatus } from "../../domain.js";

/**
 * The courier mission that takes a ready order from the shop to the customer: it shows up in the
 * drivers' "Mes missions", and its driver, contact card and timeline reach the customer like any
 * delivery. Without it a food order stopped at "Prête" for ever.
 */
export async function createOrderDelivery(
  backend: TokTokBackend,
  order: Order,
  options: { idempotencyKey?: string } = {},
): Promise<Mission> {
  const [merchant, customer] = await Promise.all([
    backend.catalogue.merchant(order.merchantId),
    backend.users.findByPhone(order.clientPhone),
  ]);
  const items = order.items.map((l) => `${l.quantity} × ${l.name}`).join(", ");
  return backend.missions.create(
    {
      clientPhone: order.clientPhone,
      pickup: { address: merchant ? `${merchant.name}, ${merchant.address}` : order.merchantName },
      destination: order.address,
      parcelValue: order.subtotal,
      description: `${order.reference} — ${items}`,
      ...(customer ? { clientName: customer.name } : {}),
      // The customer receives their own food: the driver calls them at the door.
      recipient: { name: customer?.name ?? `+${order.clientPhone.replace(/\D/g, "")}`, phone: order.clientPhone },
      orderReference: order.reference,
      // Paid by Mobile Money before the order existed: the delivery is marked paid, the driver collects nothing.
      ...(order.paymentReference === undefined
        ? {}
        : { payment: order.payment, paymentReference: order.paymentReference }),
    },
    options,
  );
}

// The order follows its delivery: on the way once the driver has it, delivered when it is.
const orderStatusOf: Partial<Record<MissionStatus, OrderStatus>> = {
  picked_up: "in_delivery",
  delivered: "delivered",
};

/** Moves the order a mission delivers along with the mission (nothing for a plain courier mission). */
export async function followOrder(
  backend: TokTokBackend,
  mission: Mission,
  status: MissionStatus,
  options: { idempotencyKey?: string } = {},
): Promise<Order | undefined> {
  const next = orderStatusOf[status];
  if (!mission.orderReference || !next) return undefined;
  const order = await backend.orders.get(mission.orderReference);
  if (!order || order.status === next || isClosed(order.status)) return order;
  return backend.orders.updateStatus(order.id, next, options);
}
