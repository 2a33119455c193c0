import { describe, expect, it } from "vitest";
import { bot, CLIENT, DRIVER, SHOP } from "../../test-support/built-in-bot.js";

async function placeOrder(backend: ReturnType<typeof bot>["backend"]) {
  return backend.orders.create({
    clientPhone: CLIENT,
    merchantId: "chez-mama-ngudi",
    items: [{ productId: "saka-saka", quantity: 2 }],
    address: { address: "Bacongo, rue Mbaka" },
    payment: "cash",
  });
}

describe("merchant flow", () => {
  it("signs a business up, then confirms and readies an order, notifying the customer", async () => {
    const { backend, chat, messenger } = bot();
    const order = await placeOrder(backend);
    const shop = chat.as(SHOP, "Mama Ngudi");
    await shop.send("menu");
    await shop.tap("flow:auth");
    await shop.tap("role:entreprise");
    const business = await shop.send("Mama Ngudi");
    expect(business.text).toContain("nom de votre entreprise");
    await shop.send("Chez Mama Ngudi");
    const created = await shop.tap("auth:confirm");
    expect(created.options[0]).toBe("flow:merchant");
    const unlinked = await shop.tap("flow:merchant");
    expect(unlinked.text).toContain("lié à aucun commerce");

    await backend.assignMerchant(SHOP, "chez-mama-ngudi");
    await shop.send("menu");
    const list = await shop.tap("flow:merchant");
    expect(list.options).toEqual([`order:${order.id}`]);
    const details = await shop.tap(`order:${order.id}`);
    expect(details.text).toContain("2 × Saka-saka — 4 000 FCFA");
    expect(details.options).toEqual(["order:confirmed", "order:cancelled"]);
    const confirmed = await shop.tap("order:confirmed");
    expect(confirmed.text).toContain(`Commande ${order.reference} confirmée`);
    expect(JSON.stringify(messenger.to(CLIENT))).toContain("a confirmé votre commande");

    await shop.send("menu");
    await shop.tap("flow:merchant");
    const again = await shop.tap(`order:${order.id}`);
    expect(again.options).toEqual(["order:ready"]);
    const ready = await shop.tap("order:ready");
    expect(ready.text).toContain("prête");
    expect((await backend.orders.get(order.id))?.status).toBe("ready");
  });

  it("opens the delivery of a ready order to drivers, and the order follows the driver to delivered", async () => {
    const { backend, chat, messenger } = bot();
    const order = await placeOrder(backend);
    await backend.users.create({ phone: SHOP, name: "Mama", role: "entreprise" });
    await backend.assignMerchant(SHOP, "chez-mama-ngudi");
    await backend.users.create({ phone: DRIVER, name: "Jean Mabiala", role: "livreur" });
    const shop = chat.as(SHOP);
    for (const action of ["order:confirmed", "order:ready"]) {
      await shop.send("menu");
      await shop.tap("flow:merchant");
      await shop.tap(`order:${order.id}`);
      await shop.tap(action);
    }
    const [mission] = await backend.missions.list({ status: "pending" });
    expect(mission).toMatchObject({
      orderReference: order.reference,
      clientPhone: CLIENT,
      pickup: { address: "Chez Mama Ngudi, Avenue de la Paix, Poto-Poto" },
      destination: { address: "Bacongo, rue Mbaka" },
      description: `${order.reference} — 2 × Saka-saka`,
    });

    const driver = chat.as(DRIVER);
    await driver.send("menu");
    const open = await driver.tap("flow:driver");
    expect(open.options).toEqual([`mission:${mission?.id}`]);
    await driver.tap(`mission:${mission?.id}`);
    await driver.tap(`accept:${mission?.id}`);
    // The customer gets the driver's card for their food too, told about their order (CMD-…).
    expect(messenger.to(CLIENT).some((m) => m.type === "contacts")).toBe(true);
    expect(JSON.stringify(messenger.to(CLIENT))).toContain(`va chercher votre commande ${order.reference}`);
    for (const status of ["pickup_arrived", "picked_up"]) {
      await driver.tap(`status:${status}`);
      await driver.send("passer");
    }
    expect((await backend.orders.get(order.id))?.status).toBe("in_delivery");
    for (const status of ["in_transit", "arrived", "delivered"]) {
      await driver.tap(`status:${status}`);
      await driver.send("passer");
    }
    expect((await backend.orders.get(order.id))?.history.map((h) => h.status)).toEqual([
      "pending",
      "confirmed",
      "ready",
      "in_delivery",
      "delivered",
    ]);
  });

  it("an empty order list offers the way back to the menu, never a silent step", async () => {
    const { backend, chat } = bot();
    await backend.users.create({ phone: SHOP, name: "Mama", role: "entreprise" });
    await backend.assignMerchant(SHOP, "chez-mama-ngudi");
    const shop = chat.as(SHOP);
    await shop.send("menu");
    const empty = await shop.tap("flow:merchant");
    expect(empty.text).toContain("Aucune commande à traiter");
    expect(empty.options).toEqual(["cmd:menu"]);
    const menu = await shop.tap("cmd:menu");
    expect(menu.options[0]).toBe("flow:merchant");
  });

  it("declines an order", async () => {
    const { backend, chat } = bot();
    const order = await placeOrder(backend);
    await backend.users.create({ phone: SHOP, name: "Mama", role: "entreprise" });
    await backend.assignMerchant(SHOP, "chez-mama-ngudi");
    const shop = chat.as(SHOP);
    await shop.send("menu");
    await shop.tap("flow:merchant");
    await shop.tap(`order:${order.id}`);
    const declined = await shop.tap("order:cancelled");
    expect(declined.text).toContain("refusée");
    expect((await backend.orders.get(order.id))?.status).toBe("cancelled");
  });
});
