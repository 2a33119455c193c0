import type { InboxMessage, SimulatedCustomer } from "./customer.ts";
import { type DemoPhone, type DemoRole, parseRole, roleLabels } from "./roles.ts";
import type { Simulation } from "./simulation.ts";
import { colors, formatBotMessage } from "./terminal.ts";

/** What `/as …` did. */
export type SwitchResult = { ok: true; role: DemoRole } | { ok: false; error: string };

/**
 * The demo's simulated phones — customer, shopkeeper, driver, each its own WhatsApp id and session —
 * and which one the keyboard is playing. Every bot message is printed with the phone it reached, so
 * the shopkeeper's "Nouvelle commande" shows up while you are still the customer.
 */
export class DemoCast {
  readonly #phones = new Map<DemoRole, SimulatedCustomer>();
  #current: DemoRole = "client";

  constructor(sim: Simulation, phones: readonly DemoPhone[], print: (line: string) => void) {
    for (const p of phones) {
      this.#phones.set(
        p.role,
        sim.customer(p.waId, p.name, (m: InboxMessage) => print(formatBotMessage(m, roleLabels[p.role]))),
      );
    }
  }

  /** The role the keyboard plays. */
  get current(): DemoRole {
    return this.#current;
  }

  /** The phone of the current role; undefined for the operator, who has none. */
  get active(): SimulatedCustomer | undefined {
    return this.#phones.get(this.#current);
  }

  /** The phone of a role. */
  phone(role: DemoRole): SimulatedCustomer | undefined {
    return this.#phones.get(role);
  }

  /** `/as WORD`: switches the keyboard to another phone (or to the operator's desk). */
  switchTo(word: string): SwitchResult {
    const role = parseRole(word);
    if (!role) {
      return { ok: false, error: `/as ${word.trim()} : rôle inconnu — client, marchand, livreur ou operateur` };
    }
    this.#current = role;
    return { ok: true, role };
  }

  /** The line printed when the keyboard changes hands. */
  static banner(role: DemoRole): string {
    const hint: Record<DemoRole, string> = {
      client: "vous commandez et suivez vos livraisons",
      marchand: "Chez Mama Ngudi — tapez « menu » puis « Mes commandes »",
      // The proof "Livré" asks for: the code shows in the customer's chat, or /photo sends a parcel photo.
      livreur: "tapez « menu » puis « Mes missions » ; à « Livré », le code reçu par le client ou /photo",
      operateur: "/stats pour les chiffres, /dashboard pour les liens du tableau de bord et de la boîte de réception",
    };
    return colors.dim(`── vous êtes maintenant : ${roleLabels[role]} (${hint[role]}) ──`);
  }
}
