import { describe, expect, it } from "vitest";
import { bot, CLIENT } from "../../test-support/built-in-bot.js";

describe("marketplace flow", () => {
  it("orders a product with its picture and price, and alerts the merchant", async () => {
    const { backend, chat, messenger } = bot();
    const categories = await chat.send("je veux commander");
    expect(categories.options).toEqual(["cat:restaurants", "cat:epicerie", "cat:pharmacie"]);
    expect(categories.text).toContain("Étape 1/6");
    const shops = await chat.tap("cat:restaurants");
    expect(shops.options).toEqual(["shop:chez-mama-ngudi", "shop:grillades-corniche"]);
    const products = await chat.tap("Chez Mama Ngudi");
    const images = products.replies.filter((r) => r.type === "image");
    expect(images).toHaveLength(3);
    // The step counter sits on the question (the product list), not on the first picture.
    expect(JSON.stringify(images)).not.toContain("Étape");
    expect(products.replies.find((r) => r.type === "list")).toMatchObject({
      body: expect.stringMatching(/^\*Étape 3\/6\*/),
    });
    expect(images[0]).toMatchObject({ link: "https://cdn.toktok.cg/catalogue/poulet-braise.jpg" });
    expect(products.text).toContain("3 500 FCFA");
    const qty = await chat.tap("prod:poulet-braise");
    expect(qty.options).toEqual(["qty:1", "qty:2", "qty:3"]);
    const more = await chat.send("2");
    expect(more.text).toContain("2 × Poulet braisé — 7 000 FCFA");
    expect(more.options).toEqual(["shop:more", "shop:checkout"]);
    const next = await chat.tap("shop:more");
    expect(next.options).toContain("prod:maboke");
    await chat.tap("prod:saka-saka");
    await chat.tap("qty:1");
    const address = await chat.tap("shop:checkout");
    expect(address.replies[0]?.type).toBe("location_request");
    const pay = await chat.shareLocation(-4.2661, 15.2832, { address: "Rue Mbochi, Plateau des 15 ans" });
    expect(pay.options).toEqual(["pay:cash", "pay:mtn_momo", "pay:airtel_money"]);
    const recap = await chat.tap("pay:mtn_momo");
    expect(recap.text).toContain("• 2 × Poulet braisé — 7 000 FCFA\n• 1 × Saka-saka — 2 000 FCFA");
    expect(recap.text).toContain("Total : 10 000 FCFA");
    expect(recap.text).toContain("\n📱 MTN MoMo\n"); // one icon, not "💳 📱"
    const sentBefore = messenger.to(CLIENT).length;
    const done = await chat.tap("shop:confirm");
    expect(done.text).toContain("CMD-20261121-001");
    // The customer reads "Commande envoyée" first, then the tracking card the order's notification brings.
    const after = messenger
      .to(CLIENT)
      .slice(sentBefore)
      .map((m) => (m.type === "text" ? m.body.split("\n")[0] : m.type));
    expect(after).toEqual([
      expect.stringContaining("✅ Commande *CMD-20261121-001* envoyée"),
      expect.stringContaining("🧾 Commande CMD-20261121-001 transmise à Chez Mama Ngudi"),
    ]);

    const [order] = await backend.orders.list({ clientPhone: CLIENT });
    expect(order).toMatchObject({
      items: [
        { productId: "poulet-braise", quantity: 2 },
        { productId: "saka-saka", quantity: 1 },
      ],
      total: 10000,
      payment: "mtn_momo",
      status: "pending",
      merchantId: "chez-mama-ngudi",
    });
    const alert = messenger.to("242055550101");
    expect(alert).toHaveLength(1);
    expect(alert[0]).toMatchObject({ type: "text" });
    expect(alert[0]?.type === "text" ? alert[0].body : "").toContain("Nouvelle commande CMD-20261121-001");
  });

  it("accepts typed choices and rejects a bad quantity", async () => {
    const { chat } = bot();
    await chat.send("je veux commander");
    await chat.send("épicerie");
    await chat.send("1");
    const qty = await chat.send("riz");
    expect(qty.text).toContain("Riz parfumé 5 kg");
    const bad = await chat.send("50");
    expect(bad.text).toContain("entre 1 et 20");
    expect(bad.options).toEqual(["qty:1", "qty:2", "qty:3"]);
    const ok = await chat.send("trois");
    expect(ok.text).toContain("3 × Riz parfumé 5 kg — 15 000 FCFA");
    const address = await chat.send("Commander");
    expect(address.text).toContain("Adresse de livraison");
  });

  it("forgets the shop when the user goes back and picks another category", async () => {
    const { chat } = bot();
    await chat.send("je veux commander");
    await chat.tap("cat:restaurants");
    await chat.tap("shop:chez-mama-ngudi");
    const back1 = await chat.send("retour");
    expect(back1.options).toContain("shop:grillades-corniche");
    const back2 = await chat.send("retour");
    expect(back2.options).toContain("cat:pharmacie");
    const shops = await chat.tap("cat:pharmacie");
    expect(shops.options).toEqual(["shop:pharmacie-moungali"]);
  });

  it("cancels from the recap without ordering", async () => {
    const { backend, chat } = bot();
    await chat.send("je veux commander");
    await chat.tap("cat:pharmacie");
    await chat.tap("shop:pharmacie-moungali");
    await chat.tap("prod:paracetamol");
    await chat.tap("qty:1");
    await chat.tap("shop:checkout");
    await chat.send("Moungali, avenue des Trois Martyrs");
    await chat.tap("pay:cash");
    const cancelled = await chat.tap("cmd:cancel");
    expect(cancelled.text).toContain("Demande annulée");
    expect(await backend.orders.list({})).toEqual([]);
  });

  it("resumes after expiry, ignores a redelivered message and serialises two quick taps", async () => {
    const { backend, chat } = bot();
    await chat.send("je veux commander");
    await chat.tap("cat:epicerie");
    chat.advance(45 * 60_000);
    const offer = await chat.tap("shop:epicerie-plateau");
    expect(offer.options).toEqual(["cmd:resume", "cmd:restart"]);
    const resumed = await chat.send("reprendre");
    expect(resumed.options).toContain("shop:epicerie-plateau");
    await chat.tap("shop:epicerie-plateau", { id: "wamid.shop" });
    const again = await chat.tap("shop:epicerie-plateau", { id: "wamid.shop" });
    expect(again.status).toBe("duplicate");
    // Two taps sent before the first answer came back: each lands on its own step.
    const [product, qty] = await Promise.all([chat.tap("prod:eau-pack"), chat.send("2")]);
    expect(product.text).toContain("Combien");
    expect(qty.text).toContain("Votre panier");
    await chat.tap("shop:checkout");
    await chat.send("Plateau des 15 ans");
    await chat.tap("pay:cash");
    await chat.send("oui");
    const [order] = await backend.orders.list({});
    expect(order).toMatchObject({ items: [{ productId: "eau-pack", quantity: 2 }], total: 7000, payment: "cash" });
  });

  it("goes straight from the quantity to the address without the basket option", async () => {
    const { backend, chat } = bot({ basket: false });
    await chat.send("je veux commander");
    await chat.tap("cat:restaurants");
    await chat.tap("shop:grillades-corniche");
    await chat.tap("prod:brochettes");
    const address = await chat.tap("qty:2");
    expect(address.text).toContain("Adresse de livraison");
    expect(address.text).toContain("Étape 5/6");
    await chat.send("Corniche, près du port");
    await chat.tap("pay:airtel_money");
    await chat.tap("shop:confirm");
    const [order] = await backend.orders.list({});
    expect(order).toMatchObject({ items: [{ productId: "brochettes", quantity: 2 }], total: 6500 });
  });
});
