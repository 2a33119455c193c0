import { describe, expect, it } from "vitest";
import type { Mission } from "../backend/types.js";
import { catalogues } from "../i18n/catalogue.js";
import { missionTimeline } from "./timeline.js";

const mission: Mission = {
  id: "mis_1",
  reference: "COUR-20261121-061",
  clientPhone: "242061234567",
  pickup: { address: "Marché Total" },
  destination: { latitude: -4.29, longitude: 15.25 },
  parcelValue: 15000,
  description: "pagnes",
  recipient: { name: "Marie", phone: "+242069876543" },
  price: 2800,
  status: "picked_up",
  driver: { id: "usr_1", name: "Jean", phone: "242055500001" },
  history: [
    { status: "pending", at: "2026-11-21T09:00:00Z" },
    { status: "accepted", at: "2026-11-21T09:05:00Z" },
    { status: "pickup_arrived", at: "2026-11-21T09:20:00Z" },
    { status: "picked_up", at: "2026-11-21T09:25:00Z" },
  ],
  createdAt: "2026-11-21T09:00:00Z",
};

describe("missionTimeline", () => {
  it("marks reached statuses ✅ with their Brazzaville time, the next 🔵 and the rest ⚪", () => {
    const text = missionTimeline(mission, catalogues.fr, "fr");
    expect(text.split("\n").slice(-7)).toEqual([
      "✅ Demande reçue — 10:00",
      "✅ Livreur assigné — 10:05",
      "✅ Livreur au point de retrait — 10:20",
      "✅ Colis récupéré — 10:25",
      "🔵 En route",
      "⚪ Arrivé à destination",
      "⚪ Livré",
    ]);
    expect(text).toContain("Marché Total → 📌 position GPS (-4.29000, 15.25000)");
    expect(text).toContain("Destinataire : Marie (+242 06 987 6543)");
    expect(text).toContain("Valeur : 15 000 FCFA");
    expect(text).toContain("Livreur : Jean (+242 05 550 0001)");
  });

  it("shows every status ✅ once delivered, and stops a cancelled mission where it was", () => {
    const delivered = missionTimeline({ ...mission, status: "delivered" }, catalogues.en, "en");
    expect(delivered).toContain("✅ Delivered");
    expect(delivered).not.toContain("🔵");
    const cancelled = missionTimeline({ ...mission, status: "cancelled" }, catalogues.fr, "fr");
    expect(cancelled).toContain("✅ Colis récupéré");
    expect(cancelled).toContain("⚪ En route");
    expect(cancelled).not.toContain("🔵");
    expect(cancelled).toContain("❌ Annulée");
  });
});
