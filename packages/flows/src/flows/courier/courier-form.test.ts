import { formRef } from "@toktok/whatsapp-client";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../../backend/memory-backend.js";
import { sendReply } from "../../messaging/reply.js";
import { textOnlyMessenger } from "../../test-support/text-only-messenger.js";
import { createTestConversation } from "../../testing/test-conversation.js";
import { courierFlow } from "./courier-flow.js";
import { courierFormJson, courierFormMessage } from "./courier-form.js";

/** A courier flow with a published form, offered by `/livreur`: the chat and the form's live token. */
const setup = async () => {
  const backend = new MemoryBackend({ now: () => Date.UTC(2026, 10, 21, 9, 0, 0) });
  const chat = createTestConversation({
    flows: [courierFlow({ backend, form: { flowId: "7001" } })],
    contactName: "Aline",
  });
  const offered = (await chat.send("/livreur")).replies.find((r) => r.type === "flow");
  const token = offered?.type === "flow" ? offered.flow.flowToken : "none";
  return { backend, chat, token };
};
/** The completion of the courier form, as `toUserInput` reads WhatsApp's `nfm_reply`. */
const answered = (flowToken: string, response: Record<string, unknown>) => ({
  type: "nfm_reply" as const,
  name: "flow",
  response: { flow_token: flowToken, ...response },
});
const full = {
  pickup: "Marché Total, Poto-Poto",
  destination: "Rond-point Moungali",
  recipient_name: "Marie Okemba",
  recipient_phone: "06 123 4567",
  value: "15000",
  description: "2 pagnes",
};

describe("the courier request as a WhatsApp Flow form", () => {
  it("is a valid Flow JSON whose completion carries every field", () => {
    const form = courierFormJson("fr");
    const [screen] = form.screens;
    expect(screen?.terminal).toBe(true);
    const footer = screen?.layout.children.find((c) => c.type === "Footer") as { "on-click-action": unknown };
    expect(footer["on-click-action"]).toMatchObject({
      name: "complete",
      payload: { pickup: formRef("pickup"), recipient_phone: formRef("recipient_phone"), value: formRef("value") },
    });
    expect(JSON.stringify(courierFormJson("en"))).toContain("Pickup address");
  });

  it("a completed form goes straight to the recap, and confirming creates the mission", async () => {
    const { backend, chat, token } = await setup();
    const recap = await chat.deliver(answered(token, full));
    expect(recap.text).toContain("Récapitulatif");
    expect(recap.text).toContain("15 000 FCFA");
    const done = await chat.tap("courier:confirm");
    expect(done.text).toMatch(/COUR-20261121-001/);
    const [mission] = await backend.missions.list({ clientPhone: "242061234567" });
    expect(mission).toMatchObject({
      pickup: { address: "Marché Total, Poto-Poto" },
      destination: { address: "Rond-point Moungali" },
      parcelValue: 15000,
      description: "2 pagnes",
      recipient: { name: "Marie Okemba", phone: "+242061234567" },
    });
  });

  it("asks in chat only for what the form left invalid", async () => {
    const { chat, token } = await setup();
    const turn = await chat.deliver(
      answered(token, {
        pickup: "Poto-Poto",
        destination: "Bacongo",
        recipient_name: "Marie",
        recipient_phone: "not a phone",
        value: "-3",
        description: "documents",
      }),
    );
    // The value is asked first (its step comes before the phone), with nothing already answered asked again.
    expect(turn.text).toContain("Étape 3/6");
    expect(turn.text).not.toContain("Récapitulatif");
  });

  it("ignores a form that is not a courier request, and never throws on odd answers", async () => {
    const first = await setup();
    const other = await first.chat.deliver(answered(first.token, { shop_name: "Chez Mama" }));
    expect(other.status).toBe("handled");
    const second = await setup();
    const odd = await second.chat.deliver(
      answered(second.token, { pickup: { nested: true }, destination: 42, value: [] }),
    );
    expect(odd.status).toBe("handled");
  });

  it("is offered with the first question when the flow has a published form, the chat question kept", async () => {
    const backend = new MemoryBackend();
    const chat = createTestConversation({ flows: [courierFlow({ backend, form: { flowId: "7001" } })] });
    const start = await chat.send("/livreur");
    expect(start.replies.map((r) => r.type)).toEqual(["flow", "location_request"]);
    expect(start.replies[0]).toMatchObject({
      type: "flow",
      flow: {
        flowId: "7001",
        mode: "navigate",
        screen: "COURSE",
        flowToken: expect.stringMatching(/^courier:242061234567:/),
      },
    });
    // Without a form, the chat question alone.
    const plain = await createTestConversation({ flows: [courierFlow({ backend })] }).send("/livreur");
    expect(plain.replies.map((r) => r.type)).toEqual(["location_request"]);
  });

  it("issues a token nobody can guess: a fresh nonce each time the form is offered", async () => {
    const a = await setup();
    const b = await setup();
    expect(a.token).toMatch(/^courier:242061234567:[\w-]{22}$/);
    expect(a.token).not.toBe(b.token);
  });

  it("accepts a completion once: the same form sent again is told plainly and creates no second mission", async () => {
    const { backend, chat, token } = await setup();
    await chat.deliver(answered(token, full));
    expect((await chat.tap("courier:confirm")).text).toMatch(/COUR-/);
    const again = await chat.deliver(answered(token, full));
    expect(again.text).toContain("déjà été envoyé");
    expect(again.text).not.toContain("Récapitulatif");
    expect(await backend.missions.list({ clientPhone: "242061234567" })).toHaveLength(1);
  });

  it("refuses a completion whose token the conversation never issued", async () => {
    const { chat, token } = await setup();
    const forged = await chat.deliver(answered("courier:242061234567:wamid.guessed", full));
    expect(forged.text).toContain("plus valable");
    // The live form still completes afterwards.
    expect((await chat.deliver(answered(token, full))).text).toContain("Récapitulatif");
  });

  it("goes out as its text through a messenger that cannot send Flows", async () => {
    const { messenger, sent } = textOnlyMessenger();
    await sendReply(messenger, "242061234567", { type: "flow", flow: courierFormMessage("7001", "t", "en") });
    expect(sent).toEqual([expect.stringContaining("Everything in one form")]);
  });
});
