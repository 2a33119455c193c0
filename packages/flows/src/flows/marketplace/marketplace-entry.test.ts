import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../../backend/memory-backend.js";
import { bot, CLIENT } from "../../test-support/built-in-bot.js";

const CATALOG = "1203974839211";

/** The built-in bot with the Plateau grocery synced to a Meta catalogue (rice sold there as "SKU-RIZ"). */
function shop() {
  const b = bot();
  b.backend.linkCatalog("epicerie-plateau", CATALOG, { "riz-5kg": "SKU-RIZ" });
  return b;
}
const cart = (items: Array<{ productRetailerId: string; quantity: number; itemPrice: number }>) => ({
  type: "order" as const,
  catalogId: CATALOG,
  items: items.map((i) => ({ ...i, currency: "XAF" })),
});

async function checkout(chat: ReturnType<typeof bot>["chat"]) {
  await chat.tap("shop:checkout");
  await chat.shareLocation(-4.2661, 15.2832, { address: "Rue Mbochi" });
  await chat.tap("pay:cash");
  return chat.tap("shop:confirm");
}

describe("a catalogue cart in the marketplace", () => {
  it("becomes an order with the cart's quantities, after the basket is shown to confirm", async () => {
    const { backend, chat } = shop();
    const basket = await chat.deliver(
      cart([
        { productRetailerId: "SKU-RIZ", quantity: 2, itemPrice: 5000 },
        { productRetailerId: "huile-1l", quantity: 3, itemPrice: 1500 },
      ]),
    );
    expect(basket.text).toContain("2 × Riz parfumé 5 kg — 10 000 FCFA");
    expect(basket.text).toContain("3 × Huile de palme 1 L — 4 500 FCFA");
    expect(basket.text).not.toContain("changé");
    expect(basket.options).toEqual(["shop:more", "shop:checkout"]);
    const done = await checkout(chat);
    expect(done.text).toMatch(/CMD-\d{8}-001/);
    const [order] = await backend.orders.list({ clientPhone: CLIENT });
    expect(order).toMatchObject({
      merchantId: "epicerie-plateau",
      items: [
        { productId: "riz-5kg", quantity: 2, unitPrice: 5000 },
        { productId: "huile-1l", quantity: 3, unitPrice: 1500 },
      ],
      payment: "cash",
    });
  });

  it("tells the customer a price that changed since the cart, and orders at the catalogue's price", async () => {
    const { backend, chat } = shop();
    const basket = await chat.deliver(cart([{ productRetailerId: "SKU-RIZ", quantity: 1, itemPrice: 4500 }]));
    expect(basket.text).toContain("Le prix a changé depuis votre panier");
    expect(basket.text).toContain("Riz parfumé 5 kg : 4 500 FCFA → 5 000 FCFA");
    await checkout(chat);
    const [order] = await backend.orders.list({ clientPhone: CLIENT });
    expect(order?.items).toMatchObject([{ productId: "riz-5kg", quantity: 1, unitPrice: 5000 }]);
  });

  it("names a product the shop no longer sells and orders the rest", async () => {
    const { chat } = shop();
    const basket = await chat.deliver(
      cart([
        { productRetailerId: "SKU-GONE", quantity: 1, itemPrice: 900 },
        { productRetailerId: "huile-1l", quantity: 1, itemPrice: 1500 },
      ]),
    );
    expect(basket.text).toContain("ne sont plus en vente et ont été retirés : SKU-GONE");
    expect(basket.text).toContain("1 × Huile de palme 1 L");
  });

  it("answers a cart from an unknown catalogue by opening the marketplace", async () => {
    const { chat } = bot();
    const turn = await chat.deliver(cart([{ productRetailerId: "SKU-RIZ", quantity: 1, itemPrice: 5000 }]));
    expect(turn.text).toContain("catalogue que nous ne connaissons pas");
    expect(turn.options).toContain("cat:epicerie");
  });

  it("refuses to link a catalogue to an unknown merchant", () => {
    expect(() => new MemoryBackend().linkCatalog("nowhere", CATALOG)).toThrow(/nowhere/);
  });
});

describe("QR codes and commands", () => {
  it("opens the shop named by a QR code's prefilled text", async () => {
    const { chat } = bot();
    const turn = await chat.send("COMMANDE epicerie-plateau");
    expect(turn.text).toContain("Épicerie du Plateau");
    expect(turn.options).toContain("prod:riz-5kg");
  });

  it("routes /commande to the marketplace and /livreur to a courier request", async () => {
    const { chat } = bot();
    const order = await chat.send("/commande");
    expect(order.options).toEqual(["cat:restaurants", "cat:epicerie", "cat:pharmacie"]);
    const other = bot().chat;
    const courier = await other.send("/livreur");
    expect(courier.replies[0]?.type).toBe("location_request");
  });
});
