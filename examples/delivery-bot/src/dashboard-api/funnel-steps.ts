/**
 * The step order of the funnels of @toktok/flows' built-in flows, as their step ids. Optional
 * branches (courier `edit`, auth `business`) are left out: a funnel counts users who reach every
 * listed step in order.
 */
export const BUILT_IN_FUNNEL_STEPS: Readonly<Record<string, readonly string[]>> = {
  courier: ["pickup", "destination", "value", "description", "recipientName", "recipientPhone", "confirm"],
  marketplace: ["category", "merchant", "product", "quantity", "address", "payment", "confirm"],
  auth: ["role", "name", "confirm"],
  driver: ["pick", "accept", "status", "location"],
};
