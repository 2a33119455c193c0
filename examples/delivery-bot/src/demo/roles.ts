import { brazzavilleSeed, MemoryBackend, type SeedData, type User } from "@toktok/flows";

/** The four people a newcomer can play in the demo, in the order of the delivery loop. */
export const demoRoles = ["client", "marchand", "livreur", "operateur"] as const;

/** One of {@link demoRoles}. */
export type DemoRole = (typeof demoRoles)[number];

// French first (what the chat speaks), the English words accepted too.
const aliases: Record<string, DemoRole> = {
  client: "client",
  customer: "client",
  marchand: "marchand",
  merchant: "marchand",
  commerce: "marchand",
  livreur: "livreur",
  driver: "livreur",
  operateur: "operateur",
  opérateur: "operateur",
  operator: "operateur",
};

/** The role a `/as WORD` names (French or English, any case), or undefined. */
export function parseRole(word: string): DemoRole | undefined {
  return aliases[word.trim().toLocaleLowerCase("fr")];
}

/** How each role is shown in the transcript. */
export const roleLabels: Record<DemoRole, string> = {
  client: "🙋 client",
  marchand: "🏪 marchand",
  livreur: "🛵 livreur",
  operateur: "📊 opérateur",
};

/** A simulated WhatsApp phone of the demo. */
export interface DemoPhone {
  role: Exclude<DemoRole, "operateur">;
  /** WhatsApp ID (digits). */
  waId: string;
  /** WhatsApp profile name. */
  name: string;
}

/** The merchant the demo's shopkeeper runs: the first restaurant of the seeded catalogue. */
const demoMerchant = (seed: SeedData) => {
  const merchant = seed.merchants.find((m) => m.categoryId === "restaurants");
  if (!merchant) throw new Error("the seeded catalogue has no restaurant for the demo's merchant");
  return merchant;
};

/**
 * The phones of the demo: the customer (from `--phone` / `--name`), the shopkeeper of the first
 * restaurant (its phone, so new-order alerts reach them) and a driver. The operator has no phone:
 * they work on the dashboard and `/stats`.
 */
export function demoPhones(customer: { waId: string; name: string }, seed: SeedData = brazzavilleSeed()): DemoPhone[] {
  return [
    { role: "client", waId: customer.waId, name: customer.name },
    { role: "marchand", waId: demoMerchant(seed).phone.replace(/\D/g, ""), name: "Mama Ngudi" },
    { role: "livreur", waId: "242069990001", name: "Patrick Mbemba" },
  ];
}

/**
 * The seeded backend of the demo, with the shopkeeper's and the driver's accounts already made (the
 * customer signs up, or not, as a newcomer would).
 */
export function demoBackend(phones: readonly DemoPhone[], now?: () => number): MemoryBackend {
  const seed = brazzavilleSeed();
  const merchant = demoMerchant(seed);
  const createdAt = new Date(now?.() ?? Date.now()).toISOString();
  const users: User[] = [];
  for (const p of phones) {
    if (p.role === "marchand") {
      users.push({
        id: "usr-demo-merchant",
        phone: p.waId,
        name: p.name,
        role: "entreprise",
        businessName: merchant.name,
        merchantId: merchant.id,
        createdAt,
      });
    } else if (p.role === "livreur") {
      users.push({ id: "usr-demo-driver", phone: p.waId, name: p.name, role: "livreur", createdAt });
    }
  }
  return new MemoryBackend({ seed: { ...seed, users }, ...(now ? { now } : {}) });
}
