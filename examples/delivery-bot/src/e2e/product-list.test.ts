import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CATALOG_ID, type Simulation, startSimulation } from "../demo/simulation.ts";

// The demo grocery is synced to a Meta catalogue (WHATSAPP_CATALOG_ID): its customers get its products
// as a WhatsApp product-list message, checked here as the Graph stand-in received it.
describe("delivery bot: a catalogue shop's products as a product-list message", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({ logLevel: "silent" });
  });
  afterAll(() => sim.close());

  it("sends the grocery's products from its catalogue, then the chat list to answer", async () => {
    const waId = "242061110050";
    const customer = sim.customer(waId, "Grâce");
    await customer.say("COMMANDE epicerie-plateau");
    await customer.expect("Épicerie du Plateau", 2_000);
    const sent = sim.graph.messages.filter((m) => m.to === waId && m.type === "interactive");
    const productList = sent.find((m) => JSON.stringify(m.body).includes('"product_list"'));
    expect(productList?.body).toMatchObject({
      messaging_product: "whatsapp",
      to: waId,
      type: "interactive",
      interactive: {
        type: "product_list",
        header: { type: "text", text: "Épicerie du Plateau" },
        body: { text: expect.stringContaining("panier") },
        action: {
          catalog_id: DEMO_CATALOG_ID,
          sections: [
            {
              product_items: expect.arrayContaining([
                { product_retailer_id: "riz-5kg" },
                { product_retailer_id: "huile-1l" },
              ]),
            },
          ],
        },
      },
    });
    // No product pictures for a catalogue shop; the chat list follows the product list.
    expect(sim.graph.messages.filter((m) => m.to === waId && m.type === "image")).toEqual([]);
    expect(sent.at(-1)?.body).toMatchObject({ interactive: { type: "list" } });
  });
});
