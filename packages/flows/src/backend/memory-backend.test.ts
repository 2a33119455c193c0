// MemoryBackend's own rules for the port's newer fields: a mission's payment, an order's reschedule
// and cancellation while it is ready, and a business's sign-up fields. HttpBackend runs the same
// calls over HTTP in http-backend.test.ts.
import { describe, expect, it } from "vitest";
import { isOrderBeforePickup, orderStatuses } from "../domain.js";
import { ConflictError, FlowsValidationError } from "../errors.js";
import { MemoryBackend } from "./memory-backend.js";
import type { NewMission, NewOrder } from "./types.js";

const NOW = Date.UTC(2026, 10, 21, 9, 0, 0);
const backend = () => new MemoryBackend({ now: () => NOW });
const newMission: NewMission = {
  clientPhone: "242061234567",
  pickup: { address: "Poto-Poto" },
  destination: { address: "Bacongo" },
  parcelValue: 5000,
  description: "documents",
  recipient: { name: "Marie", phone: "+242069876543" },
};
const newOrder: NewOrder = {
  clientPhone: "242061234567",
  merchantId: "epicerie-plateau",
  items: [{ productId: "riz-5kg", quantity: 1 }],
  address: { address: "Moungali" },
  payment: "cash",
};
const fieldOf = (fn: () => unknown): Promise<string | undefined> =>
  Promise.resolve()
    .then(fn)
    .then(
      () => undefined,
      (e: unknown) => (FlowsValidationError.isInstance(e) ? e.field : `not a validation error: ${String(e)}`),
    );

describe("MemoryBackend: mission payment", () => {
  it("keeps a Mobile Money payment and its reference; cash or none stays as given", async () => {
    const b = backend();
    const paid = await b.missions.create({ ...newMission, payment: "mtn_momo", paymentReference: "1234567890" });
    expect(await b.missions.get(paid.id)).toMatchObject({ payment: "mtn_momo", paymentReference: "1234567890" });
    expect((await b.missions.create({ ...newMission, payment: "cash" })).payment).toBe("cash");
    const none = await b.missions.create(newMission);
    expect("payment" in none).toBe(false);
  });

  it("refuses an unknown method, an empty reference and a reference without Mobile Money, naming the field", async () => {
    const b = backend();
    expect(await fieldOf(() => b.missions.create({ ...newMission, payment: "orange_money" as never }))).toBe("payment");
    expect(
      await fieldOf(() => b.missions.create({ ...newMission, payment: "airtel_money", paymentReference: " " })),
    ).toBe("paymentReference");
    expect(await fieldOf(() => b.missions.create({ ...newMission, paymentReference: "x1" }))).toBe("paymentReference");
    expect(await b.missions.list({})).toEqual([]);
  });
});

describe("MemoryBackend: order payment", () => {
  it("keeps the reference of the Mobile Money payment that paid an order; refuses one on a cash order", async () => {
    const b = backend();
    const paid = await b.orders.create({ ...newOrder, payment: "airtel_money", paymentReference: "pay-7" });
    expect(await b.orders.get(paid.reference)).toMatchObject({ payment: "airtel_money", paymentReference: "pay-7" });
    expect("paymentReference" in (await b.orders.create(newOrder))).toBe(false);
    expect(await fieldOf(() => b.orders.create({ ...newOrder, paymentReference: "pay-8" }))).toBe("paymentReference");
  });
});

describe("MemoryBackend: orders before their delivery", () => {
  it("isOrderBeforePickup holds for pending, confirmed and ready only", () => {
    expect(orderStatuses.filter(isOrderBeforePickup)).toEqual(["pending", "confirmed", "ready"]);
    expect(isOrderBeforePickup("cancelled")).toBe(false);
  });

  it("lets an order be cancelled while ready; a cancelled order stays cancelled", async () => {
    const b = backend();
    const o = await b.orders.create(newOrder);
    await b.orders.updateStatus(o.id, "confirmed");
    await b.orders.updateStatus(o.id, "ready");
    const cancelled = await b.orders.updateStatus(o.reference, "cancelled");
    expect(cancelled.history.map((h) => h.status)).toEqual(["pending", "confirmed", "ready", "cancelled"]);
    await expect(b.orders.updateStatus(o.id, "ready")).rejects.toSatisfy(ConflictError.isInstance);
  });

  it("reschedules an order in pending, confirmed and ready, normalising the instant; not once in delivery", async () => {
    const b = backend();
    const o = await b.orders.create(newOrder);
    for (const status of ["pending", "confirmed", "ready"] as const) {
      if (status !== "pending") await b.orders.updateStatus(o.id, status);
      const moved = await b.orders.reschedule?.(o.id, "2026-11-21T19:00:00+01:00");
      expect(moved).toMatchObject({ status, scheduledAt: "2026-11-21T18:00:00.000Z" });
    }
    await b.orders.updateStatus(o.id, "in_delivery");
    await expect(b.orders.reschedule?.(o.id, "2026-11-22T10:00:00Z")).rejects.toSatisfy(ConflictError.isInstance);
    expect((await b.orders.get(o.id))?.scheduledAt).toBe("2026-11-21T18:00:00.000Z");
  });

  it("refuses a past or malformed time, naming scheduledAt", async () => {
    const b = backend();
    const o = await b.orders.create(newOrder);
    expect(await fieldOf(() => b.orders.reschedule?.(o.id, "2026-11-21T08:59:59Z"))).toBe("scheduledAt");
    expect(await fieldOf(() => b.orders.reschedule?.(o.id, "demain à 10 h"))).toBe("scheduledAt");
    expect((await b.orders.get(o.id))?.scheduledAt).toBeUndefined();
  });
});

describe("MemoryBackend: a mission's proof of delivery", () => {
  const deliver = async (b: MemoryBackend, id: string) => {
    for (const s of ["accepted", "pickup_arrived", "picked_up", "in_transit", "arrived", "delivered"] as const) {
      if (s === "accepted") await b.missions.accept(id, { id: "d1", name: "Jean", phone: "242055500001" });
      else await b.missions.updateStatus(id, s);
    }
  };

  it("keeps a photo's media id at the delivery, then its stored location, on the mission", async () => {
    const b = backend();
    const m = await b.missions.create(newMission);
    await deliver(b, m.id);
    const at = "2026-11-21T10:05:00+01:00";
    expect((await b.missions.recordProof?.(m.id, { kind: "photo", at, mediaId: "media-1" }))?.proof).toEqual({
      kind: "photo",
      at: "2026-11-21T09:05:00.000Z",
      mediaId: "media-1",
    });
    await b.missions.recordProof?.(m.reference, { kind: "photo", at, mediaId: "media-1", location: "proofs/1.jpg" });
    expect((await b.missions.get(m.id))?.proof).toMatchObject({ mediaId: "media-1", location: "proofs/1.jpg" });
  });

  it("refuses a proof for a mission not delivered, and a photo without its media id, naming the field", async () => {
    const b = backend();
    const m = await b.missions.create(newMission);
    const at = "2026-11-21T09:05:00Z";
    await expect(b.missions.recordProof?.(m.id, { kind: "code", at })).rejects.toSatisfy(ConflictError.isInstance);
    await deliver(b, m.id);
    expect(await fieldOf(() => b.missions.recordProof?.(m.id, { kind: "photo", at }))).toBe("proof.mediaId");
    expect(await fieldOf(() => b.missions.recordProof?.(m.id, { kind: "code", at: "hier" }))).toBe("proof.at");
    expect(await fieldOf(() => b.missions.recordProof?.(m.id, { kind: "sms" as "code", at }))).toBe("proof.kind");
    expect((await b.missions.get(m.id))?.proof).toBeUndefined();
    expect((await b.missions.recordProof?.(m.id, { kind: "code", at }))?.proof).toEqual({
      kind: "code",
      at: "2026-11-21T09:05:00.000Z",
    });
  });
});

describe("MemoryBackend: a business's sign-up fields", () => {
  it("stores the category and the shop address, trimmed", async () => {
    const b = backend();
    const shop = await b.users.create({
      phone: "242055511122",
      name: "Bruno",
      role: "entreprise",
      businessName: "Chez Bruno",
      businessCategoryId: "restaurants",
      businessAddress: "  Avenue de la Paix, Poto-Poto ",
    });
    expect(await b.users.findByPhone("242055511122")).toEqual(shop);
    expect(shop).toMatchObject({ businessCategoryId: "restaurants", businessAddress: "Avenue de la Paix, Poto-Poto" });
    const client = await b.users.create({ phone: "242061234567", name: "Aline", role: "client" });
    expect("businessCategoryId" in client || "businessAddress" in client).toBe(false);
  });

  it("refuses an unknown category and an empty address, naming the field", async () => {
    const b = backend();
    const base = { phone: "242055511122", name: "Bruno", role: "entreprise" as const };
    expect(await fieldOf(() => b.users.create({ ...base, businessCategoryId: "garage" }))).toBe("businessCategoryId");
    expect(await fieldOf(() => b.users.create({ ...base, businessAddress: "  " }))).toBe("businessAddress");
    expect(await b.users.findByPhone("242055511122")).toBeUndefined();
  });
});
