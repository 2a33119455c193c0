import { describe, expect, it } from "vitest";
import type { Mission } from "../backend/types.js";
import { catalogues } from "../i18n/catalogue.js";
import type { Locale } from "../sessions/types.js";
import { missionDeliveries } from "./status-messages.js";

// A shop order's delivery is told to its customer as their order (issue 24), a courier request as a parcel.
const mission: Mission = {
  id: "mis_1",
  reference: "COUR-20261121-001",
  clientPhone: "242061234567",
  pickup: { address: "Chez Mama Ngudi" },
  destination: { address: "Bacongo" },
  parcelValue: 8000,
  description: "CMD-20261121-004 — 2 × Saka-saka",
  recipient: { name: "Aline", phone: "+242061234567" },
  orderReference: "CMD-20261121-004",
  price: 1500,
  status: "pending",
  driver: { id: "usr_2", name: "Patrick Mbemba", phone: "242055500001" },
  history: [{ status: "pending", at: "2026-11-21T09:00:00.000Z" }],
  createdAt: "2026-11-21T09:00:00.000Z",
};

const customerText = (m: Mission, status: Mission["status"], locale: Locale): string => {
  const [customer] = missionDeliveries(m, status, catalogues[locale], locale);
  const first = customer?.replies[0];
  return first?.type === "text" ? first.body : "";
};

describe("mission status messages", () => {
  it.each([
    ["fr", "in_transit", "Votre commande CMD-20261121-004 est en route vers Bacongo"],
    ["fr", "delivered", "Votre commande CMD-20261121-004 est livrée"],
    ["fr", "accepted", "Patrick Mbemba va chercher votre commande CMD-20261121-004"],
    ["en", "in_transit", "Your order CMD-20261121-004 is on its way to Bacongo"],
    ["en", "delivered", "Your order CMD-20261121-004 has been delivered"],
    ["ln", "delivered", "Votre commande CMD-20261121-004 est livrée"],
  ] as const)("an order's delivery speaks of the order (%s, %s)", (locale, status, expected) => {
    const text = customerText(mission, status, locale);
    expect(text).toContain(expected);
    expect(text).toMatch(/(Suivi|Tracking) CMD-20261121-004/);
    expect(text).not.toMatch(/COUR-|votre course|Colis CMD|Parcel CMD/);
  });

  it("a courier request keeps the parcel wording and its own reference", () => {
    const { orderReference: _, ...courier } = mission;
    expect(customerText(courier, "delivered", "fr")).toContain("Colis COUR-20261121-001 livré");
    expect(customerText(courier, "accepted", "fr")).toContain("a accepté votre course COUR-20261121-001");
  });
});
