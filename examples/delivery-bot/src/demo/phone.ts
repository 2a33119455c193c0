import type { SimulatedPhone } from "@toktok/payments/testing";

/**
 * The demo customer's phone when paying by Mobile Money: accepts, except from a number ending in 99
 * (the payer refuses) and above 100 000 FCFA (not enough funds) — so `pnpm demo` shows both outcomes.
 */
export const demoPhone: SimulatedPhone = ({ msisdn, amount }) => {
  if (msisdn.endsWith("99")) return "refuse";
  return amount > 100_000 ? "insufficient_funds" : "accept";
};
