import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../../backend/memory-backend.js";
import { sendReply } from "../../messaging/reply.js";
import { textOnlyMessenger } from "../../test-support/text-only-messenger.js";
import { createTestConversation } from "../../testing/test-conversation.js";
import { authFlow, identifyWith } from "./auth-flow.js";
import { MERCHANT_FORM_SCREEN, merchantFormJson, merchantFormMessage } from "./merchant-form.js";

const SHOP = "242055500009";

/** A new number signing up as a business, with the merchant form published: the chat and the offer. */
async function offered() {
  const backend = new MemoryBackend();
  const chat = createTestConversation({
    flows: [authFlow({ backend, form: { flowId: "7003" } })],
    authFlow: "auth",
    identify: identifyWith(backend),
    user: SHOP,
  });
  await chat.send("menu");
  await chat.tap("flow:auth");
  const turn = await chat.tap("role:entreprise");
  const flow = turn.replies.find((r) => r.type === "flow");
  if (flow?.type !== "flow") throw new Error("no merchant form offered");
  return { backend, chat, turn, flow: flow.flow };
}
/** The completion of the merchant form, as `toUserInput` reads WhatsApp's `nfm_reply`. */
const completed = (flowToken: string, response: Record<string, unknown>) => ({
  type: "nfm_reply" as const,
  name: "flow",
  response: { flow_token: flowToken, ...response },
});
const filled = {
  name: "Mama Ngudi",
  business_name: "Chez Mama Ngudi",
  business_category: "restaurants",
  business_address: "Av. de la Paix, Poto-Poto",
};

describe("merchant sign-up as a WhatsApp Flow form", () => {
  it("is a valid Flow JSON whose category dropdown reads the message's data", () => {
    const json = merchantFormJson("fr");
    const [screen] = json.screens;
    expect(screen?.id).toBe(MERCHANT_FORM_SCREEN);
    expect(screen?.data?.categories).toMatchObject({ type: "array" });
    const dropdown = screen?.layout.children.find((c) => c.type === "Dropdown");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Flow JSON's own reference syntax, not interpolation
    expect(dropdown).toMatchObject({ name: "business_category", "data-source": "${data.categories}" });
    expect(JSON.stringify(merchantFormJson("en"))).toContain("Shop name");
  });

  it("is offered to a business with the name question, carrying the backend's categories", async () => {
    const { backend, turn, flow } = await offered();
    expect(turn.replies.map((r) => r.type)).toEqual(["flow", "text"]);
    const categories = await backend.catalogue.categories();
    expect(flow).toMatchObject({
      flowId: "7003",
      mode: "navigate",
      screen: "SIGNUP",
      flowToken: expect.stringMatching(new RegExp(`^merchant:${SHOP}:[\\w-]{22}$`)),
      data: { categories: categories.map((c) => ({ id: c.id, title: `${c.emoji} ${c.name}` })) },
    });
  });

  it("a completed form goes to the recap, and confirming creates the account with its category and address", async () => {
    const { backend, chat, flow } = await offered();
    const recap = await chat.deliver(completed(flow.flowToken, filled));
    expect(recap.text).toContain("Chez Mama Ngudi (🍲 Restaurants)");
    expect(recap.text).toContain("📍 Av. de la Paix, Poto-Poto");
    expect(recap.options).toEqual(["auth:confirm", "cmd:back", "cmd:cancel"]);
    expect((await chat.tap("auth:confirm")).text).toContain("Compte créé ! Bienvenue Mama Ngudi.");
    expect(await backend.users.findByPhone(SHOP)).toMatchObject({
      role: "entreprise",
      name: "Mama Ngudi",
      businessName: "Chez Mama Ngudi",
      businessCategoryId: "restaurants",
      businessAddress: "Av. de la Paix, Poto-Poto",
    });
    // Spent: the same completion again is told plainly and creates nothing more.
    expect((await chat.deliver(completed(flow.flowToken, filled))).text).toContain("déjà été envoyé");
  });

  it("asks in chat for what the form left invalid, and drops an unknown category", async () => {
    const { backend, chat, flow } = await offered();
    const turn = await chat.deliver(completed(flow.flowToken, { ...filled, name: "42", business_category: "casino" }));
    expect(turn.text).toContain("Quel est votre nom complet ?");
    const recap = await chat.send("Mama Ngudi");
    expect(recap.text).toContain("Chez Mama Ngudi");
    expect(recap.text).not.toContain("Restaurants");
    await chat.tap("auth:confirm");
    const user = await backend.users.findByPhone(SHOP);
    expect(user).toMatchObject({ name: "Mama Ngudi", businessAddress: "Av. de la Paix, Poto-Poto" });
    expect(user?.businessCategoryId).toBeUndefined();
  });

  it("is not offered to a customer, nor without categories, and goes out as text without Flows", async () => {
    const backend = new MemoryBackend();
    const chat = createTestConversation({
      flows: [authFlow({ backend, form: { flowId: "7003" } })],
      authFlow: "auth",
      identify: identifyWith(backend),
    });
    await chat.send("menu");
    await chat.tap("flow:auth");
    expect((await chat.tap("role:client")).replies.map((r) => r.type)).toEqual(["text"]);
    expect(merchantFormMessage("7003", "t", [])).toBeUndefined();
    const message = merchantFormMessage("7003", "t", await backend.catalogue.categories(), "en");
    if (!message) throw new Error("no message");
    const { messenger, sent } = textOnlyMessenger();
    await sendReply(messenger, SHOP, { type: "flow", flow: message });
    expect(sent).toEqual([expect.stringContaining("Register your shop")]);
  });
});
