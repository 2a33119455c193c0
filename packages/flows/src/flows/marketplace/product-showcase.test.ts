import { describe, expect, it } from "vitest";
import { catalogues } from "../../i18n/catalogue.js";
import { sendReply } from "../../messaging/reply.js";
import { bot } from "../../test-support/built-in-bot.js";
import { textOnlyMessenger } from "../../test-support/text-only-messenger.js";
import { productShowcase } from "./product-showcase.js";

const CATALOG = "1203974839211";

describe("a shop's products as a product-list message", () => {
  it("shows a shop synced to a Meta catalogue as its products, the chat list still there to answer", async () => {
    const { backend, chat } = bot();
    backend.linkCatalog("epicerie-plateau", CATALOG, { "riz-5kg": "SKU-RIZ" });
    const turn = await chat.send("COMMANDE epicerie-plateau");
    // After the line naming the shop: the catalogue's products, then the question.
    expect(turn.replies.map((r) => r.type)).toEqual(["text", "product_list", "list"]);
    const showcase = turn.replies[1];
    expect(showcase).toMatchObject({
      type: "product_list",
      list: {
        catalogId: CATALOG,
        header: "Épicerie du Plateau",
        body: expect.stringContaining("panier"),
        // Each product by its id in the Meta catalogue (the rice's given, the others' own id).
        sections: [{ productRetailerIds: expect.arrayContaining(["SKU-RIZ", "huile-1l"]) }],
      },
    });
    expect(turn.options).toContain("prod:riz-5kg");
  });

  it("keeps the pictures for a shop without a catalogue", async () => {
    const { chat } = bot();
    const turn = await chat.send("COMMANDE epicerie-plateau");
    expect(turn.replies.map((r) => r.type)).toEqual(["text", "image", "image", "image", "list"]);
  });

  it("goes out as the products' names and prices through a messenger without product messages", async () => {
    const { backend } = bot();
    backend.linkCatalog("epicerie-plateau", CATALOG);
    const merchant = await backend.catalogue.merchant("epicerie-plateau");
    const products = await backend.catalogue.products("epicerie-plateau");
    const [showcase] = productShowcase(merchant, products, { t: catalogues.fr, locale: "fr", maxImages: 3 });
    if (showcase?.type !== "product_list") throw new Error("no product list");
    const { messenger, sent } = textOnlyMessenger();
    await sendReply(messenger, "242061234567", showcase);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain("Épicerie du Plateau");
    expect(sent[0]).toContain("• Riz parfumé 5 kg — 5 000 FCFA");
  });
});
