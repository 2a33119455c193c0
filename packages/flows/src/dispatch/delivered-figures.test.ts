// What a delivery is worth, read where people see it: the driver's day in "Mes missions" sums the prices
// of today's deliveries only (the amount, not just the count), and a delivered shop order is an
// `order_completed` conversion carrying the order's total. Deliveries go through the driver flow
// (statuses tapped, the recipient's code typed), as in production.
import { Analytics } from "@toktok/analytics";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { MemoryJobQueue } from "../delivery/memory-job-queue.js";
import { identifyWith } from "../flows/auth/auth-flow.js";
import { builtInFlows } from "../flows/built-in.js";
import { createOrderDelivery } from "../flows/merchant/order-delivery.js";
import { formatXaf } from "../i18n/format.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { createTestConversation } from "../testing/test-conversation.js";
import { createDispatcher } from "./dispatcher.js";
import { MemoryDispatchStore } from "./memory-dispatch-store.js";
import { withDispatch } from "./with-dispatch.js";

const CUSTOMER = "242061112233";
const DRIVER = "242055500031";
const RECIPIENT = "242068887777";
const at = { latitude: -4.2634, longitude: 15.2832 };

async function world() {
  const clock = { now: Date.UTC(2026, 10, 18, 14, 0, 0) }; // Wednesday 15:00 in Brazzaville
  const now = () => clock.now;
  const backend = new MemoryBackend({ now });
  await backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
  const messenger = new RecordingMessenger();
  const analytics = new Analytics({ now });
  const dispatcher = createDispatcher({
    backend,
    store: new MemoryDispatchStore({ now }),
    timers: new MemoryJobQueue(),
    messenger,
    analytics,
    now,
  });
  const backendWithDispatch = withDispatch(backend, dispatcher);
  const customer = createTestConversation({
    messenger,
    flows: builtInFlows({ backend: backendWithDispatch, dispatcher }),
    authFlow: "auth",
    identify: identifyWith(backend),
    user: CUSTOMER,
    startAt: clock.now,
  });
  const driver = customer.as(DRIVER, "Jean");
  await driver.send("menu");
  await driver.tap("flow:driver");
  await driver.shareLocation(at.latitude, at.longitude);

  /** The driver accepts the mission and walks it to a delivery proven with the recipient's code. */
  const deliver = async (missionId: string, recipient: string) => {
    await driver.tap("flow:driver");
    await driver.tap(`accept:${missionId}`);
    // Each status asks for the driver's position to confirm it.
    for (const status of ["pickup_arrived", "picked_up", "in_transit", "arrived"]) {
      await driver.tap(`status:${status}`);
      await driver.shareLocation(at.latitude, at.longitude);
    }
    const sent = messenger.to(recipient).filter((m) => m.type === "text" && m.body.includes("Code de livraison"));
    const last = sent.at(-1);
    const code = /\*(\d{4})\*/.exec(last?.type === "text" ? last.body : "")?.[1] ?? "";
    await driver.tap("status:delivered");
    const done = await driver.send(code);
    expect(done.text).toContain("livrée");
    const mission = await backend.missions.get(missionId);
    expect(mission?.status).toBe("delivered");
    return mission?.price ?? Number.NaN;
  };
  const courier = (parcelValue: number) =>
    backendWithDispatch.missions.create({
      clientPhone: CUSTOMER,
      pickup: { address: "Poto-Poto", ...at },
      destination: { address: "Bacongo", latitude: -4.2756, longitude: 15.2555 },
      parcelValue,
      description: "colis",
      recipient: { name: "Marie", phone: RECIPIENT },
    });
  /** A day later, for the dispatch and the conversation alike; the driver, back online, shares where he is. */
  const nextDay = async () => {
    clock.now += 24 * 3_600_000;
    customer.advance(24 * 3_600_000);
    await driver.send("menu");
    await driver.tap("flow:driver");
    await driver.shareLocation(at.latitude, at.longitude);
  };
  return { backendWithDispatch, analytics, driver, deliver, courier, nextDay };
}

describe("what deliveries are worth", () => {
  it("the driver's day sums the prices of today's deliveries, not yesterday's", async () => {
    const w = await world();
    const yesterday = await w.deliver((await w.courier(5_000)).id, RECIPIENT);
    await w.nextDay(); // Thursday
    const first = await w.deliver((await w.courier(10_000)).id, RECIPIENT);
    const second = await w.deliver((await w.courier(200_000)).id, RECIPIENT);
    await w.driver.send("menu");
    const day = await w.driver.tap("flow:driver");
    // By hand: Thursday's two prices; Wednesday's delivery is in the history but not in today's amount.
    expect(day.text).toContain(`Aujourd'hui : 2 course(s) livrée(s), ${formatXaf(first + second, "fr")}.`);
    expect(day.text).not.toContain(formatXaf(first + second + yesterday, "fr"));
  });

  it("a delivered shop order is an order_completed conversion with the order's total", async () => {
    const w = await world();
    const order = await w.backendWithDispatch.orders.create({
      clientPhone: CUSTOMER,
      merchantId: "chez-mama-ngudi",
      items: [{ productId: "saka-saka", quantity: 2 }],
      address: { address: "Bacongo" },
      payment: "cash",
    });
    await w.backendWithDispatch.orders.updateStatus(order.id, "confirmed");
    const ready = await w.backendWithDispatch.orders.updateStatus(order.id, "ready");
    const mission = await createOrderDelivery(w.backendWithDispatch, ready);
    // The order's parcel goes to its customer, who gets the code.
    const price = await w.deliver(mission.id, mission.recipient.phone.replace(/\D/g, ""));
    const { byType } = (await w.analytics.getSummary()).conversions;
    expect(order.total).toBeGreaterThan(0);
    expect(byType.order_completed).toEqual({ count: 1, revenueXaf: order.total });
    expect(byType.mission_completed).toEqual({ count: 1, revenueXaf: price });
  });
});
