import type { Mission, Order, TokTokBackend } from "../../backend/types.js";
import { isBeforePickup, isClosed } from "../../domain.js";

/** One of a customer's requests still running: a courier mission, or a shop order. */
export type RunningRequest = { kind: "mission"; mission: Mission } | { kind: "order"; order: Order };

/**
 * The customer's requests still running, latest first. The delivery mission of a shop order is not one
 * of them: the order stands for it (cancelling or moving "my order" acts on both).
 */
export async function runningRequests(backend: TokTokBackend, clientPhone: string): Promise<RunningRequest[]> {
  const [missions, orders] = await Promise.all([
    backend.missions.list({ clientPhone }),
    backend.orders.list({ clientPhone }),
  ]);
  const running: Array<RunningRequest & { at: string }> = [
    ...missions
      .filter((m) => !isClosed(m.status) && m.orderReference === undefined)
      .map((mission) => ({ kind: "mission" as const, mission, at: mission.createdAt })),
    ...orders
      .filter((o) => !isClosed(o.status))
      .map((order) => ({ kind: "order" as const, order, at: order.createdAt })),
  ];
  return running.sort((a, b) => b.at.localeCompare(a.at)).map(({ at: _at, ...r }) => r as RunningRequest);
}

/** The delivery mission of a shop order, while its parcel is still at the shop (none once picked up). */
export async function orderMissionBeforePickup(backend: TokTokBackend, order: Order): Promise<Mission | undefined> {
  const missions = await backend.missions.list({ clientPhone: order.clientPhone });
  return missions.find((m) => m.orderReference === order.reference && isBeforePickup(m.status));
}
