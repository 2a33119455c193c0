// What the driver is told about money in the driver flow (the list, the details, the acceptance): a mission
// paid by Mobile Money before it was created says nothing is to be collected; a cash one says what to
// collect (its price, or a shop order's total). The dispatcher's offer: dispatch/offer-payment.test.ts.
import { describe, expect, it } from "vitest";
import type { NewMission } from "../../backend/types.js";
import { formatXaf } from "../../i18n/format.js";
import { fr } from "../../i18n/fr.js";
import { bot, CLIENT, DRIVER } from "../../test-support/built-in-bot.js";
import { createOrderDelivery } from "../merchant/order-delivery.js";

const newMission: NewMission = {
  clientPhone: CLIENT,
  pickup: { address: "Marché Total, Poto-Poto", latitude: -4.2634, longitude: 15.2832 },
  destination: { address: "Bacongo" },
  parcelValue: 15000,
  description: "2 pagnes",
  recipient: { name: "Marie", phone: "+242069876543" },
};
const PAID_MTN = fr.driver.paidBy(fr.marketplace.payment.mtn_momo);
const collect = (amount: number) => fr.driver.collectCash(formatXaf(amount, "fr"));

async function driverOn(setup: ReturnType<typeof bot>) {
  await setup.backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
  const driver = setup.chat.as(DRIVER, "Jean");
  await driver.send("Bonjour");
  return driver;
}

describe("a driver is told whether a mission is paid", () => {
  it("a Mobile-Money-paid mission: tagged in the list, 'nothing to collect' in its details and its acceptance", async () => {
    const setup = bot();
    const paid = await setup.backend.missions.create({ ...newMission, payment: "mtn_momo", paymentReference: "p-1" });
    const cash = await setup.backend.missions.create(newMission);
    const driver = await driverOn(setup);

    const list = await driver.tap("flow:driver");
    const rows = list.replies.flatMap((r) => (r.type === "list" ? r.sections.flatMap((s) => s.rows) : []));
    expect(rows.find((r) => r.id === `mission:${paid.id}`)?.description).toContain(fr.driver.paidTag);
    expect(rows.find((r) => r.id === `mission:${cash.id}`)?.description).not.toContain(fr.driver.paidTag);

    const details = await driver.tap(`mission:${paid.id}`);
    expect(details.text).toContain(PAID_MTN);
    expect(details.text).not.toContain("À encaisser");
    const accepted = await driver.tap(`accept:${paid.id}`);
    expect(accepted.text).toContain(`Mission ${paid.reference} acceptée`);
    expect(accepted.text).toContain(PAID_MTN);
  });

  it("a cash mission says what to collect: its price", async () => {
    const setup = bot();
    const cash = await setup.backend.missions.create(newMission);
    const driver = await driverOn(setup);
    await driver.tap("flow:driver");
    const details = await driver.tap(`mission:${cash.id}`);
    expect(details.text).toContain(collect(cash.price));
    expect(details.text).not.toContain("Déjà payé");
    expect((await driver.tap(`accept:${cash.id}`)).text).toContain(collect(cash.price));
  });

  it("a shop order's delivery: paid with the order when the order was paid by Mobile Money, else its total in cash", async () => {
    const setup = bot();
    const line = { merchantId: "chez-mama-ngudi", items: [{ productId: "poulet-braise", quantity: 2 }] };
    const paidOrder = await setup.backend.orders.create({
      clientPhone: CLIENT,
      ...line,
      address: { address: "Bacongo" },
      payment: "airtel_money",
      paymentReference: "p-2",
    });
    const cashOrder = await setup.backend.orders.create({
      clientPhone: CLIENT,
      ...line,
      address: { address: "Bacongo" },
      payment: "cash",
    });
    const paidDelivery = await createOrderDelivery(setup.backend, paidOrder);
    const cashDelivery = await createOrderDelivery(setup.backend, cashOrder);
    expect(paidDelivery).toMatchObject({ payment: "airtel_money", paymentReference: "p-2" });
    expect(cashDelivery.payment).toBeUndefined();

    const driver = await driverOn(setup);
    await driver.tap("flow:driver");
    expect((await driver.tap(`mission:${paidDelivery.id}`)).text).toContain(
      fr.driver.paidBy(fr.marketplace.payment.airtel_money),
    );
    await driver.tap("↩️ Autre mission");
    // The customer pays the order's total at the door (goods and the shop's delivery fee), not the courier price.
    expect((await driver.tap(`mission:${cashDelivery.id}`)).text).toContain(collect(cashOrder.total));
  });
});
