import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../../backend/memory-backend.js";
import { brazzavilleSeed } from "../../backend/seed.js";
import { catalogues } from "../../i18n/catalogue.js";
import { sendReply } from "../../messaging/reply.js";
import { bot } from "../../test-support/built-in-bot.js";
import { textOnlyMessenger } from "../../test-support/text-only-messenger.js";
import { RecordingMessenger } from "../../testing/recording-messenger.js";
import { createTestConversation } from "../../testing/test-conversation.js";
import { builtInFlows } from "../built-in.js";
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

describe("a big shop of the catalogue connected to the bot's number, as a catalogue message", () => {
  /** The seeded catalogue with 31 more products in the grocery: more than one product list holds. */
  const bigGrocery = () => {
    const seed = brazzavilleSeed();
    const extra = Array.from({ length: 31 }, (_, i) => ({
      id: `article-${i + 1}`,
      merchantId: "epicerie-plateau",
      name: `Article ${i + 1}`,
      price: 500 + i,
      imageUrl: "https://example.com/article.jpg",
    }));
    return new MemoryBackend({ seed: { ...seed, products: [...seed.products, ...extra] } });
  };
  /** The built-in flows with the number's catalogue connected, the grocery selling from it. */
  const connected = (backend = bigGrocery()) => {
    backend.linkCatalog("epicerie-plateau", CATALOG, { "riz-5kg": "SKU-RIZ" });
    const messenger = new RecordingMessenger();
    const chat = createTestConversation({ messenger, flows: builtInFlows({ backend, whatsappCatalogId: CATALOG }) });
    return { backend, messenger, chat };
  };

  it("sends it through the messenger's sendCatalog (every product behind View catalog), the chat list kept", async () => {
    const { messenger, chat } = connected();
    const turn = await chat.send("COMMANDE epicerie-plateau");
    expect(turn.replies.map((r) => r.type)).toEqual(["text", "catalog", "list"]);
    // What went through the messenger: a catalogue message headed by the shop's first product.
    const sent = messenger.sent.find((m) => m.type === "catalog");
    expect(sent).toMatchObject({
      type: "catalog",
      to: "242061234567",
      catalog: { body: expect.stringContaining("panier"), thumbnailProductRetailerId: "SKU-RIZ" },
    });
    expect(turn.options).toContain("prod:riz-5kg");
  });

  it("keeps the product list for a shop that fits in one, or one synced to another catalogue", async () => {
    const small = connected(new MemoryBackend());
    const types = (await small.chat.send("COMMANDE epicerie-plateau")).replies.map((r) => r.type);
    expect(types).toEqual(["text", "product_list", "list"]);
    const elsewhere = bigGrocery();
    elsewhere.linkCatalog("epicerie-plateau", "9988776655");
    const messenger = new RecordingMessenger();
    const chat = createTestConversation({
      messenger,
      flows: builtInFlows({ backend: elsewhere, whatsappCatalogId: CATALOG }),
    });
    const turn = await chat.send("COMMANDE epicerie-plateau");
    expect(turn.replies.map((r) => r.type)).toEqual(["text", "product_list", "list"]);
  });

  it("goes out as the products' names and prices through a messenger without sendCatalog", async () => {
    const backend = bigGrocery();
    backend.linkCatalog("epicerie-plateau", CATALOG);
    const merchant = await backend.catalogue.merchant("epicerie-plateau");
    const products = await backend.catalogue.products("epicerie-plateau");
    const view = { t: catalogues.fr, locale: "fr" as const, maxImages: 3, connectedCatalogId: CATALOG };
    const [showcase] = productShowcase(merchant, products, view);
    if (showcase?.type !== "catalog") throw new Error("no catalogue message");
    const { messenger, sent } = textOnlyMessenger();
    await sendReply(messenger, "242061234567", showcase);
    expect(sent).toEqual([expect.stringContaining("• Riz parfumé 5 kg — 5 000 FCFA")]);
  });
});
