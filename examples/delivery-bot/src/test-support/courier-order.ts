// Helpers of the end-to-end tests that run the delivery loop through the simulator's phones.
import type { SimulatedCustomer } from "../demo/customer.ts";

/** Taps the offered choice with this id (by its number, as a user of the simulator does). */
export async function tap(who: SimulatedCustomer, id: string): Promise<void> {
  const index = who.choices.findIndex((c) => c.id === id);
  if (index < 0) throw new Error(`${who.waId}: no choice ${id} in ${JSON.stringify(who.choices)}`);
  await who.say(String(index + 1));
}

/**
 * The customer asks for a courier in plain French, from Poto-Poto to Bacongo, for Marie Okemba at
 * `recipientPhone` (as a person types it, e.g. `06 123 4567`), and confirms: the mission is created.
 */
export async function orderCourier(customer: SimulatedCustomer, recipientPhone: string): Promise<void> {
  for (const [say, expected] of [
    ["Bonjour, je veux envoyer un colis", "Où faut-il récupérer le colis"],
    ["/loc -4.2634 15.2429", "Où faut-il livrer"],
    ["/loc -4.2756 15.2555", "valeur du colis"],
    ["quinze mille francs", "Que contient le colis"],
    ["Deux pagnes", "nom du destinataire"],
    ["Marie Okemba", "numéro de Marie Okemba"],
    [recipientPhone, "Récapitulatif"],
    ["1", "Demande envoyée"],
  ] as const) {
    await customer.say(say);
    await customer.expect(expected, 5_000);
  }
}
