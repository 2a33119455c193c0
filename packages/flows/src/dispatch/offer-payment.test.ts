// The dispatcher's offer tells the driver whether the mission is paid by Mobile Money (nothing to collect)
// or what to collect in cash, as the driver flow does (flows/driver/driver-payment.test.ts).
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import type { Mission, NewMission } from "../backend/types.js";
import { formatXaf } from "../i18n/format.js";
import { fr } from "../i18n/fr.js";
import { ManualJobQueue } from "../test-support/delivery-doubles.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { createDispatcher } from "./dispatcher.js";
import { MemoryDispatchStore } from "./memory-dispatch-store.js";

const DRIVER = "242055500001";
const newMission: NewMission = {
  clientPhone: "242061234567",
  pickup: { address: "Marché Total, Poto-Poto", latitude: -4.2634, longitude: 15.2832 },
  destination: { address: "Bacongo" },
  parcelValue: 15000,
  description: "2 pagnes",
  recipient: { name: "Marie", phone: "+242069876543" },
};

describe("the dispatcher's offer", () => {
  it("says a Mobile-Money-paid mission is paid, and a cash one what to collect", async () => {
    const backend = new MemoryBackend({ now: () => Date.UTC(2026, 10, 21, 9, 0, 0) });
    const messenger = new RecordingMessenger();
    const dispatcher = createDispatcher({
      backend,
      store: new MemoryDispatchStore(),
      timers: new ManualJobQueue(() => undefined),
      messenger,
    });
    const driver = { id: "d-1", name: "Jean", phone: DRIVER };
    await dispatcher.setOnline(driver, true);
    await dispatcher.locate(driver, { latitude: -4.26, longitude: 15.28 });
    const offerOf = async (m: Mission) => {
      expect(await dispatcher.offer(m.id)).toEqual([driver.id]);
      const last = messenger.to(DRIVER).at(-1);
      return last?.type === "buttons" ? last.body : "";
    };
    const paid = await backend.missions.create({ ...newMission, payment: "mtn_momo", paymentReference: "p-3" });
    expect(await offerOf(paid)).toContain(fr.driver.paidBy(fr.marketplace.payment.mtn_momo));
    const cash = await backend.missions.create(newMission);
    expect(await offerOf(cash)).toContain(fr.driver.collectCash(formatXaf(cash.price, "fr")));
  });
});
