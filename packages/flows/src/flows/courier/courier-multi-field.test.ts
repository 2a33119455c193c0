import { describe, expect, it } from "vitest";
import { bot } from "../../test-support/built-in-bot.js";

// One message, several answers: what it says for later steps is kept, confirmed back, and those steps
// are skipped; a wrong field is asked again without losing the others (issue 24).
describe("courier flow: multi-field answers at every step", () => {
  const toValue = async () => {
    const { chat, ...rest } = bot();
    await chat.send("je veux envoyer un colis");
    await chat.send("Marché Total, Poto-Poto");
    const value = await chat.send("Rond-point Moungali");
    expect(value.text).toContain("valeur du colis");
    return { chat, ...rest };
  };

  it("at the first message: the value and the recipient ride along with the request", async () => {
    const { chat } = bot();
    const first = await chat.send("je veux envoyer un colis de 15000 pour Marie 06 123 4567");
    expect(first.text).toContain("✅ Valeur du colis — 15 000 FCFA");
    expect(first.text).toContain("✅ Nom du destinataire — Marie");
    expect(first.text).toContain("✅ Téléphone destinataire — +242 06 123 4567");
    expect(first.text).toContain("Où faut-il récupérer le colis");
  });

  it("at the pickup step: a phone and a recipient name after the address", async () => {
    const { chat } = bot();
    await chat.send("je veux envoyer un colis");
    const next = await chat.send("Marché Total, Poto-Poto, pour Marie 06 123 4567");
    expect(next.text).toContain("✅ Téléphone destinataire — +242 06 123 4567");
    expect(next.text).toContain("Où faut-il livrer le colis");
  });

  it("at the destination step: amount + address fill the value and skip it", async () => {
    const { chat } = bot();
    await chat.send("je veux envoyer un colis");
    await chat.send("Marché Total, Poto-Poto");
    const next = await chat.send("Rond-point Moungali, colis de 20000");
    expect(next.text).toContain("✅ Valeur du colis — 20 000 FCFA");
    expect(next.text).not.toContain("valeur du colis ?");
    expect(next.text).toContain("Que contient le colis");
  });

  it("at the value step: name + phone instead of an amount are kept, the amount alone asked again", async () => {
    const { chat } = await toValue();
    const wrong = await chat.send("Jean Malonga 06 123 45 67");
    expect(wrong.text).toContain("✅ Nom du destinataire — Jean Malonga");
    expect(wrong.text).toContain("✅ Téléphone destinataire — +242 06 123 4567");
    expect(wrong.text).toContain("Je n'ai pas compris le montant");
    await chat.send("15000");
    const description = await chat.send("2 pagnes");
    // Recipient name and phone were kept: straight to the recap.
    expect(description.text).toContain("Récapitulatif");
    expect(description.text).toContain("Jean Malonga (+242 06 123 4567)");
    expect(description.text).toContain("valeur 15 000 FCFA");
  });

  it("at the value step: amount + name + phone together", async () => {
    const { chat } = await toValue();
    const next = await chat.send("15000 pour Jean Malonga 06 123 45 67");
    expect(next.text).toContain("✅ Nom du destinataire — Jean Malonga");
    expect(next.text).toContain("Que contient le colis");
  });

  it("at the recipient name step: name + phone together skip the phone step", async () => {
    const { chat } = await toValue();
    await chat.send("15000");
    await chat.send("2 pagnes");
    const recap = await chat.send("Marie Okemba 06 123 4567");
    expect(recap.text).toContain("✅ Téléphone destinataire — +242 06 123 4567");
    expect(recap.text).toContain("Récapitulatif");
  });

  it("at the recipient phone step: a wrong number is asked again, the rest kept", async () => {
    const { chat } = await toValue();
    await chat.send("15000");
    await chat.send("2 pagnes");
    await chat.send("Marie Okemba");
    const wrong = await chat.send("123");
    expect(wrong.text).toContain("numéro");
    const recap = await chat.send("06 123 4567");
    expect(recap.text).toContain("Marie Okemba (+242 06 123 4567)");
  });
});
