import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { postFormCompletion } from "./courier-form-play.ts";

// WHATSAPP_FLOW_MERCHANT_ID: a business signing up over the webhook is offered the merchant Flow form
// with the backend's categories, and its signed completion creates the account with them.
describe("delivery bot: merchant sign-up as a WhatsApp Flow form", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({ logLevel: "silent", env: { WHATSAPP_FLOW_MERCHANT_ID: "7003" } });
  });
  afterAll(() => sim.close());

  it("offers the form to a new business and creates the account from its completion", async () => {
    const waId = "242061110070";
    const shop = sim.customer(waId, "Mama");
    const pick = async (title: RegExp) => {
      const index = shop.choices.findIndex((c) => title.test(c.title));
      expect(index, `a choice matching ${title}`).toBeGreaterThanOrEqual(0);
      await shop.say(String(index + 1));
    };
    await shop.say("menu");
    await pick(/Mon compte/);
    await pick(/Entreprise/);
    type FlowBody = {
      interactive: {
        action: {
          parameters: {
            flow_id: string;
            flow_token: string;
            flow_action_payload: { screen: string; data: { categories: Array<{ id: string; title: string }> } };
          };
        };
      };
    };
    const offer = sim.graph.messages.filter((m) => m.to === waId && JSON.stringify(m.body).includes('"flow_token"'));
    const parameters = (offer.at(-1)?.body as FlowBody | undefined)?.interactive.action.parameters;
    const categories = await sim.bot.backend.catalogue.categories();
    expect(parameters).toMatchObject({
      flow_id: "7003",
      flow_token: expect.stringMatching(new RegExp(`^merchant:${waId}:`)),
      flow_action_payload: {
        screen: "SIGNUP",
        data: { categories: categories.map((c) => ({ id: c.id, title: `${c.emoji} ${c.name}` })) },
      },
    });
    const [category] = categories;
    await postFormCompletion(sim, waId, {
      flow_token: parameters?.flow_token,
      name: "Mama Ngudi",
      business_name: "Chez Mama Ngudi",
      business_category: category?.id,
      business_address: "Av. de la Paix, Poto-Poto",
    });
    await shop.expect("Chez Mama Ngudi", 2_000);
    await pick(/Confirmer/);
    await shop.expect("Compte créé", 2_000);
    expect(await sim.bot.backend.users.findByPhone(waId)).toMatchObject({
      role: "entreprise",
      name: "Mama Ngudi",
      businessName: "Chez Mama Ngudi",
      businessCategoryId: category?.id,
      businessAddress: "Av. de la Paix, Poto-Poto",
    });
  });
});
