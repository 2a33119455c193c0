// Helpers of the end-to-end tests that order from the marketplace through the simulator's phones.
import type { SimulatedCustomer } from "../demo/customer.ts";
import { tap } from "./courier-order.ts";

/** Chez Mama Ngudi's number in the seeded catalogue: where {@link orderUpToPayment}'s orders are announced. */
export const MAMA_NGUDI = "242055550101";

/** Orders two braised chickens at Chez Mama Ngudi (8 000 FCFA with delivery), to a shared position, up to the payment choice. */
export async function orderUpToPayment(customer: SimulatedCustomer): Promise<void> {
  await customer.say("je veux commander à manger");
  if (customer.choices.some((c) => c.id === "cat:restaurants")) await tap(customer, "cat:restaurants");
  await tap(customer, "shop:chez-mama-ngudi");
  await tap(customer, "prod:poulet-braise");
  await tap(customer, "qty:2");
  await customer.say("/loc -4.2661 15.2832");
  await customer.expect("Comment souhaitez-vous payer", 5_000);
}

/**
 * The whole order paid from the customer's own number by `method`, up to the phone prompt: the payment is
 * asked for when this resolves.
 */
export async function orderAndPay(customer: SimulatedCustomer, method: "mtn_momo" | "airtel_money"): Promise<void> {
  await orderUpToPayment(customer);
  await tap(customer, `pay:${method}`);
  await customer.expect("quel numéro va payer", 5_000);
  await tap(customer, "payer:self");
  await customer.expect("Total : 8 000 FCFA", 5_000);
  await tap(customer, "shop:confirm");
  await customer.expect("Confirmez le paiement de 8 000 FCFA sur votre téléphone", 5_000);
}
