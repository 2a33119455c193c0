// The one list of every role, status and payment method of the TokTok domain. The types, the zod
// wire schemas (backend/http-schemas.ts), the i18n label maps (typed `Record<…, string>` in fr.ts)
// and the OpenAPI enums (tested in backend/openapi.test.ts) all derive from these arrays, so a
// value added here makes the compiler and the tests point at every place that must follow.

/** The roles a TokTok user signs up with: a customer, a driver ("livreur") or a business ("entreprise"). */
export const roles = ["client", "livreur", "entreprise"] as const;

/** A user's role on TokTok: a customer, a driver ("livreur") or a business ("entreprise"). */
export type Role = (typeof roles)[number];

/** The 7 statuses of a courier mission's timeline, in order. */
export const missionStatuses = [
  "pending",
  "accepted",
  "pickup_arrived",
  "picked_up",
  "in_transit",
  "arrived",
  "delivered",
] as const;

/** Every mission status: the timeline, then `cancelled`, which ends a mission outside it. */
export const allMissionStatuses = [...missionStatuses, "cancelled"] as const;

/** A mission status; `cancelled` ends a mission outside the timeline. */
export type MissionStatus = (typeof allMissionStatuses)[number];

/** The statuses a driver sets on an accepted mission, one after the other. */
export type DriverStatusUpdate = Exclude<MissionStatus, "pending" | "accepted" | "cancelled">;

/** Whether `status` is one a driver sets (the timeline after `accepted`). */
export const isDriverStatusUpdate = (status: MissionStatus): status is DriverStatusUpdate =>
  status !== "pending" && status !== "accepted" && status !== "cancelled";

/**
 * The mission status that follows `status` on the timeline: missions walk it one status at a time,
 * so a customer never sees a step done without its time. `undefined` after `delivered` and for
 * `cancelled`.
 */
export function nextMissionStatus(status: MissionStatus): MissionStatus | undefined {
  const index = (missionStatuses as readonly MissionStatus[]).indexOf(status);
  return index === -1 ? undefined : missionStatuses[index + 1];
}

/**
 * Whether a mission's parcel is still at the pickup (`pending`, `accepted`, `pickup_arrived`): until
 * then the customer may cancel or reschedule it.
 */
export const isBeforePickup = (status: MissionStatus): boolean =>
  status === "pending" || status === "accepted" || status === "pickup_arrived";

/** Whether a mission or an order has ended — delivered or cancelled — so no status may follow. */
export const isClosed = (status: MissionStatus | OrderStatus): boolean =>
  status === "delivered" || status === "cancelled";

/** Marketplace order statuses, in order; `cancelled` is outside the timeline. */
export const orderStatuses = ["pending", "confirmed", "ready", "in_delivery", "delivered"] as const;

/** Every order status: the timeline, then `cancelled`. */
export const allOrderStatuses = [...orderStatuses, "cancelled"] as const;

/** An order status. */
export type OrderStatus = (typeof allOrderStatuses)[number];

/**
 * Whether an order's goods are still at the shop (`pending`, `confirmed`, `ready`): until its delivery
 * starts (`in_delivery`) the customer may cancel or reschedule it. The order twin of
 * {@link isBeforePickup}.
 */
export const isOrderBeforePickup = (status: OrderStatus): boolean =>
  status === "pending" || status === "confirmed" || status === "ready";

/**
 * Who owns a WhatsApp conversation (issue 22): the bot, nobody yet (the customer `waiting` for a
 * person), or one operator (`operator:<id>`). Stored with the session; absent means `bot`.
 */
export type ConversationOwner = "bot" | "waiting" | `operator:${string}`;

/** The ownership states, in the order a handoff walks them (then back to `bot`). */
export const ownershipStates = ["bot", "waiting", "operator"] as const;

/** An ownership state: {@link ConversationOwner} without the operator's id. */
export type OwnershipState = (typeof ownershipStates)[number];

/** The state of an owner value. */
export const ownershipStateOf = (owner: ConversationOwner | undefined): OwnershipState =>
  owner === undefined || owner === "bot" ? "bot" : owner === "waiting" ? "waiting" : "operator";

/** The operator's id in an `operator:<id>` owner, else `undefined`. */
export const operatorOf = (owner: ConversationOwner | undefined): string | undefined =>
  owner?.startsWith("operator:") ? owner.slice("operator:".length) : undefined;

/**
 * Why a conversation went to a person: the customer `asked`, three turns in a row were
 * `not_understood`, a turn `failed`, or an `api` call (the backend on a stuck mission, the dashboard).
 */
export const handoffTriggers = ["asked", "not_understood", "failed_turn", "api"] as const;

/** Why a conversation went to a person (see {@link handoffTriggers}). */
export type HandoffTrigger = (typeof handoffTriggers)[number];

/** The ways a customer pays for an order. */
export const paymentMethods = ["cash", "mtn_momo", "airtel_money"] as const;

/** How the customer pays. */
export type PaymentMethod = (typeof paymentMethods)[number];

/** How a driver proves a delivery: the recipient's 4-digit `code`, or a `photo` of the parcel. */
export const proofKinds = ["code", "photo"] as const;

/** How a delivery was proven (see {@link proofKinds}). */
export type ProofKind = (typeof proofKinds)[number];
