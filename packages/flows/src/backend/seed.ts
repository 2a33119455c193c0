import type { Category, Merchant, Product, User } from "./types.js";

const img = (name: string): string => `https://cdn.toktok.cg/catalogue/${name}.jpg`;

/** A small Brazzaville catalogue for demos and tests. */
export interface SeedData {
  categories: Category[];
  merchants: Merchant[];
  products: Product[];
  users: User[];
}

/** The default seed of {@link MemoryBackend}. */
export function brazzavilleSeed(): SeedData {
  return {
    categories: [
      { id: "restaurants", name: "Restaurants", emoji: "🍲" },
      { id: "epicerie", name: "Épicerie", emoji: "🛒" },
      { id: "pharmacie", name: "Pharmacie", emoji: "💊" },
    ],
    merchants: [
      {
        id: "chez-mama-ngudi",
        name: "Chez Mama Ngudi",
        categoryId: "restaurants",
        address: "Avenue de la Paix, Poto-Poto",
        phone: "242055550101",
        deliveryFee: 1000,
      },
      {
        id: "grillades-corniche",
        name: "Grillades de la Corniche",
        categoryId: "restaurants",
        address: "Corniche, Centre-ville",
        phone: "242055550102",
        deliveryFee: 1500,
      },
      {
        id: "epicerie-plateau",
        name: "Épicerie du Plateau",
        categoryId: "epicerie",
        address: "Rue Mbochi, Plateau des 15 ans",
        phone: "242055550103",
        deliveryFee: 1000,
      },
      {
        id: "pharmacie-moungali",
        name: "Pharmacie de Moungali",
        categoryId: "pharmacie",
        address: "Avenue des Trois Martyrs, Moungali",
        phone: "242055550104",
        deliveryFee: 500,
      },
    ],
    products: [
      {
        id: "poulet-braise",
        merchantId: "chez-mama-ngudi",
        name: "Poulet braisé",
        price: 3500,
        imageUrl: img("poulet-braise"),
        description: "Demi-poulet, bananes plantains",
      },
      {
        id: "saka-saka",
        merchantId: "chez-mama-ngudi",
        name: "Saka-saka",
        price: 2000,
        imageUrl: img("saka-saka"),
        description: "Feuilles de manioc, poisson salé",
      },
      { id: "maboke", merchantId: "chez-mama-ngudi", name: "Maboké de poisson", price: 4500, imageUrl: img("maboke") },
      {
        id: "capitaine-grille",
        merchantId: "grillades-corniche",
        name: "Capitaine grillé",
        price: 6000,
        imageUrl: img("capitaine-grille"),
      },
      {
        id: "brochettes",
        merchantId: "grillades-corniche",
        name: "Brochettes de bœuf",
        price: 2500,
        imageUrl: img("brochettes"),
      },
      {
        id: "riz-5kg",
        merchantId: "epicerie-plateau",
        name: "Riz parfumé 5 kg",
        price: 5000,
        imageUrl: img("riz-5kg"),
      },
      {
        id: "huile-1l",
        merchantId: "epicerie-plateau",
        name: "Huile de palme 1 L",
        price: 1500,
        imageUrl: img("huile-1l"),
      },
      {
        id: "eau-pack",
        merchantId: "epicerie-plateau",
        name: "Pack d'eau 6 × 1,5 L",
        price: 3000,
        imageUrl: img("eau-pack"),
      },
      {
        id: "paracetamol",
        merchantId: "pharmacie-moungali",
        name: "Paracétamol 500 mg",
        price: 1000,
        imageUrl: img("paracetamol"),
      },
      {
        id: "moustiquaire",
        merchantId: "pharmacie-moungali",
        name: "Moustiquaire imprégnée",
        price: 7500,
        imageUrl: img("moustiquaire"),
      },
    ],
    users: [],
  };
}
