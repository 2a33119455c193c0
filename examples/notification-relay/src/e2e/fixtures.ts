import type { Mission, Order } from "@toktok/flows";

/** A mission just accepted by a driver; `n` makes the client's number and the reference unique. */
export function acceptedMission(n: string): Mission {
  return {
    id: `mission-${n}`,
    reference: `COUR-20261121-00${n}`,
    clientPhone: `+24206111000${n}`,
    clientName: "Grâce",
    pickup: { address: "Marché Total, Poto-Poto" },
    destination: { address: "Rond-point Moungali" },
    parcelValue: 15_000,
    description: "Deux pagnes",
    recipient: { name: "Marie Okemba", phone: "+242055551234" },
    price: 2200,
    status: "accepted",
    driver: { id: "d-7", name: "Jean Malonga", phone: "+242069876543", vehicle: "Moto" },
    history: [
      { status: "pending", at: "2026-11-21T09:02:00Z" },
      { status: "accepted", at: "2026-11-21T09:15:00Z" },
    ],
    createdAt: "2026-11-21T09:02:00Z",
  };
}

/** A new marketplace order. */
export function newOrder(n: string): Order {
  return {
    id: `order-${n}`,
    reference: `CMD-20261121-00${n}`,
    clientPhone: `+24206112000${n}`,
    merchantId: "m-1",
    merchantName: "Chez Mama Ngouabi",
    items: [{ productId: "p-1", name: "Poulet braisé", unitPrice: 3500, quantity: 2 }],
    subtotal: 7000,
    deliveryFee: 1000,
    total: 8000,
    address: { address: "Moungali, avenue de la Paix" },
    payment: "mtn_momo",
    status: "pending",
    history: [{ status: "pending", at: "2026-11-21T10:00:00Z" }],
    createdAt: "2026-11-21T10:00:00Z",
  };
}
