import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../../backend/memory-backend.js";
import { flowSteps } from "../../engine/types.js";
import { createTestConversation } from "../../testing/test-conversation.js";
import { courierFlow } from "./courier-flow.js";

const setup = () => {
  const backend = new MemoryBackend({ now: () => Date.UTC(2026, 10, 21, 9, 0, 0) });
  const chat = createTestConversation({ flows: [courierFlow({ backend })], contactName: "Aline" });
  return { backend, chat };
};

describe("courier flow", () => {
  it("creates a mission from GPS pickup to a typed destination, with progress and a priced recap", async () => {
    const { backend, chat } = setup();
    const start = await chat.send("Je veux envoyer un colis");
    expect(start.replies[0]?.type).toBe("location_request");
    expect(start.text).toContain("Étape 1/6");

    const dest = await chat.shareLocation(-4.2634, 15.2429, { name: "Marché Total" });
    expect(dest.text).toContain("Étape 2/6");
    const value = await chat.send("Rond-point Moungali");
    expect(value.text).toContain("Étape 3/6");
    const desc = await chat.send("quinze mille francs");
    expect(desc.text).toContain("Que contient le colis");
    await chat.send("2 pagnes et des documents");
    const phone = await chat.send("Marie Okemba");
    expect(phone.text).toContain("numéro de Marie Okemba");
    const recap = await chat.send("06 123 4567");
    expect(recap.text).toContain("Récapitulatif");
    expect(recap.text).toContain("Marché Total");
    expect(recap.text).toContain("Rond-point Moungali");
    expect(recap.text).toContain("15 000 FCFA");
    expect(recap.text).toContain("+242 06 123 4567");
    expect(recap.options).toEqual(["courier:confirm", "courier:edit", "cmd:cancel"]);

    const done = await chat.tap("courier:confirm");
    expect(done.text).toMatch(/COUR-20261121-001/);
    const [mission] = await backend.missions.list({ clientPhone: "242061234567" });
    expect(mission).toMatchObject({
      reference: "COUR-20261121-001",
      clientName: "Aline",
      pickup: { latitude: -4.2634, longitude: 15.2429, address: "Marché Total" },
      destination: { address: "Rond-point Moungali" },
      parcelValue: 15000,
      description: "2 pagnes et des documents",
      recipient: { name: "Marie Okemba", phone: "+242061234567" },
      status: "pending",
    });
    expect(done.text).toContain(`${mission?.price.toLocaleString("fr-FR").replace(/\s/g, " ")} FCFA`);
  });

  it("fills several steps from one message and skips what it already knows", async () => {
    const { chat } = setup();
    await chat.send("je veux envoyer un colis de 15000 F à Marie 06 123 4567");
    await chat.send("Poto-Poto, avenue de la Paix");
    const next = await chat.send("Bacongo");
    // value and recipient phone came with the first message: straight to the description.
    expect(next.text).toContain("Que contient le colis");
    const name = await chat.send("Un sac de vêtements");
    expect(name.text).toContain("nom du destinataire");
    const recap = await chat.send("Marie");
    expect(recap.text).toContain("Récapitulatif");
    expect(recap.text).toContain("+242 06 123 4567");
    expect(recap.text).toContain("15 000 FCFA");
  });

  it("reads the recipient's name and phone from one answer", async () => {
    const { chat } = setup();
    await chat.send("envoyer un colis");
    await chat.send("Poto-Poto");
    await chat.send("Bacongo");
    await chat.send("5000");
    await chat.send("des documents");
    const recap = await chat.send("Marie 05 555 1234");
    expect(recap.text).toContain("Récapitulatif");
    expect(recap.text).toContain("Marie (+242 05 555 1234)");
  });

  it("re-prompts a bad amount with the explanation and offers help after 3 failures", async () => {
    const { chat } = setup();
    await chat.send("envoyer un colis");
    await chat.send("Poto-Poto");
    await chat.send("Bacongo");
    const first = await chat.send("beaucoup");
    expect(first.text).toContain("Je n'ai pas compris le montant");
    expect(first.text).toContain("5000");
    await chat.send("je sais pas");
    const third = await chat.send("cher");
    expect(third.options).toEqual(["cmd:help", "cmd:cancel", "cmd:menu"]);
    const help = await chat.tap("cmd:help");
    expect(help.text).toContain("Aide TokTok");
    expect(help.text).toContain("La valeur déclarée assure votre colis");
    expect(help.text).toContain("valeur du colis");
    const ok = await chat.send("10 000");
    expect(ok.text).toContain("Que contient le colis");
  });

  it("rejects a bad phone number and an absurd value", async () => {
    const { chat } = setup();
    await chat.send("envoyer un colis");
    await chat.send("Poto-Poto");
    await chat.send("Bacongo");
    const tooMuch = await chat.send("90000000");
    expect(tooMuch.text).toContain("ne peut pas dépasser");
    await chat.send("5000");
    await chat.send("documents");
    await chat.send("Marie");
    const bad = await chat.send("12");
    expect(bad.text).toContain("Je n'ai pas compris le numéro de téléphone");
    const recap = await chat.send("+242 06 987 6543");
    expect(recap.text).toContain("+242 06 987 6543");
  });

  it("goes back a step with « retour » and changes a field from the recap", async () => {
    const { chat } = setup();
    await chat.send("envoyer un colis");
    await chat.send("Poto-Poto");
    const back = await chat.send("↩️ Retour");
    expect(back.text).toContain("Où faut-il récupérer");
    await chat.send("Ouenzé");
    await chat.send("Bacongo");
    await chat.send("5000");
    await chat.send("documents");
    await chat.send("Marie");
    await chat.send("06 123 4567");
    const edit = await chat.tap("courier:edit");
    expect(edit.options).toContain("edit:parcelValue");
    const ask = await chat.tap("edit:parcelValue");
    expect(ask.text).toContain("valeur du colis");
    const recap = await chat.send("7500");
    expect(recap.text).toContain("Récapitulatif");
    expect(recap.text).toContain("7 500 FCFA");
    expect(recap.text).toContain("Ouenzé");
  });

  it("takes a description that merely mentions a parcel as the answer, and a restated request as a restatement", async () => {
    const { chat } = setup();
    await chat.send("Je veux envoyer un colis");
    await chat.shareLocation(-4.2634, 15.2429);
    await chat.send("Rond-point Moungali");
    await chat.send("15000");
    // "colis fragile" reads as a courier intent, but not a confident one: it answers the step.
    const next = await chat.send("colis fragile");
    expect(next.text).toContain("Étape 5/6");
    expect(next.text).not.toContain("Rebonjour");
    const again = await chat.send("envoyer un colis");
    expect(again.text).toContain("Rebonjour");
    expect(again.text).toContain("Étape 5/6");
  });

  it("cancels midway and creates nothing", async () => {
    const { backend, chat } = setup();
    await chat.send("envoyer un colis");
    await chat.send("Poto-Poto");
    const cancel = await chat.send("ANNULER");
    expect(cancel.text).toContain("Demande annulée");
    expect(cancel.replies.at(-1)?.type).toBe("list");
    expect(await backend.missions.list({})).toHaveLength(0);
  });

  it("lists its steps in order for analytics funnels", () => {
    expect(flowSteps(courierFlow({ backend: new MemoryBackend() }))).toEqual([
      "pickup",
      "destination",
      "value",
      "description",
      "recipientName",
      "recipientPhone",
      "confirm",
      "edit",
    ]);
  });

  it("speaks English when the engine's locale is en", async () => {
    const backend = new MemoryBackend();
    const chat = createTestConversation({ flows: [courierFlow({ backend })], locale: "en" });
    const turn = await chat.send("Je veux envoyer un colis");
    expect(turn.text).toContain("Step 1/6");
    expect(turn.text).toContain("Where should we pick the parcel up?");
  });
});
