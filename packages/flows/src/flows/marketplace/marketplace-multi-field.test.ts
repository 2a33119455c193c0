import { describe, expect, it } from "vitest";
import { bot } from "../../test-support/built-in-bot.js";

// One message, several answers in an order: what it names ahead of its step is kept, confirmed back,
// and those steps are skipped; a wrong field is asked again without losing the others (issue 24).
describe("marketplace flow: multi-field answers at every step", () => {
  it("at the first message: « à manger » is the restaurants, the category step is skipped", async () => {
    const { chat } = bot({ basket: false });
    const shops = await chat.send("je veux commander à manger");
    expect(shops.text).toContain("✅ 🍲 Restaurants");
    expect(shops.options).toEqual(["shop:chez-mama-ngudi", "shop:grillades-corniche"]);
    expect(shops.text).toContain("Étape 2/6");
  });

  it("at the category step: a category and a shop", async () => {
    const { chat } = bot({ basket: false });
    await chat.send("je veux commander");
    const products = await chat.send("Restaurants, chez Mama Ngudi");
    expect(products.text).toContain("✅ 🏪 Chez Mama Ngudi");
    expect(products.options).toContain("prod:poulet-braise");
  });

  it("at the merchant step: the shop and a dish", async () => {
    const { chat } = bot({ basket: false });
    await chat.send("je veux commander");
    await chat.tap("cat:restaurants");
    const qty = await chat.send("Chez Mama Ngudi, un poulet braisé");
    expect(qty.text).toContain("✅ Poulet braisé — 3 500 FCFA");
    expect(qty.options).toEqual(["qty:1", "qty:2", "qty:3"]);
  });

  it("at the product step: the dish and the payment", async () => {
    const { chat } = bot({ basket: false });
    await chat.send("je veux commander à manger");
    await chat.tap("shop:chez-mama-ngudi");
    const qty = await chat.send("Saka-saka, je paie par MoMo");
    expect(qty.text).toContain("✅ 📱 MTN MoMo");
    await chat.tap("qty:1");
    const recap = await chat.send("Rue Mbochi, Plateau des 15 ans");
    // The payment was kept: from the address straight to the recap.
    expect(recap.text).toContain("Votre commande");
    expect(recap.text).toContain("📱 MTN MoMo");
  });

  it("at the quantity step: a wrong quantity is asked again, the payment named with it kept", async () => {
    const { chat } = bot({ basket: false });
    await chat.send("je veux commander à manger");
    await chat.tap("shop:chez-mama-ngudi");
    await chat.tap("prod:poulet-braise");
    const wrong = await chat.send("50 et je paie en espèces");
    expect(wrong.text).toContain("✅ 💵 Espèces");
    expect(wrong.text).toContain("entre 1 et 20");
    await chat.tap("qty:2");
    const recap = await chat.send("Rue Mbochi, Plateau des 15 ans");
    expect(recap.text).toContain("2 × Poulet braisé — 7 000 FCFA");
    expect(recap.text).toContain("💵 Espèces");
  });

  it("at the address step: the address and the payment", async () => {
    const { chat } = bot({ basket: false });
    await chat.send("je veux commander à manger");
    await chat.tap("shop:chez-mama-ngudi");
    await chat.tap("prod:poulet-braise");
    await chat.tap("qty:1");
    const recap = await chat.shareLocation(-4.2661, 15.2832, { address: "Rue Mbochi" });
    expect(recap.text).toContain("Comment souhaitez-vous payer");
    const typed = await chat.send("Airtel");
    expect(typed.text).toContain("📱 Airtel Money");
  });
});
