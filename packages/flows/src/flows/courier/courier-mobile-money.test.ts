import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../../backend/memory-backend.js";
import { en } from "../../i18n/en.js";
import { formatXaf } from "../../i18n/format.js";
import { fr } from "../../i18n/fr.js";
import { mobileMoneyFailures, paymentSettledMessage } from "../../payments/mobile-money.js";
import { courierToWhoPays } from "../../test-support/courier-to-payment.js";
import { ScriptedPayments } from "../../test-support/scripted-payments.js";
import { createTestConversation } from "../../testing/test-conversation.js";
import { courierFlow } from "./courier-flow.js";

const SENDER = "242061234567";

function courier() {
  const backend = new MemoryBackend({ now: () => Date.UTC(2026, 10, 21, 9, 0, 0) });
  const payments = new ScriptedPayments();
  const chat = createTestConversation({
    flows: [courierFlow({ backend, payments })],
    user: SENDER,
    contactName: "Aline",
  });
  /** The message the app hands the conversation when a payment settles. */
  const settled = (id: string) => chat.deliver(paymentSettledMessage(id, SENDER).message, { id: `settled:${id}` });
  const price = async () => (await backend.missions.quote({ pickup: {}, destination: {}, parcelValue: 15000 })).price;
  return { backend, payments, chat, settled, price };
}

describe("courier request paid by Mobile Money", () => {
  it("asks who pays, holds the mission until the payment succeeds, then creates it once", async () => {
    const { backend, payments, chat, settled, price } = courier();
    const whoPays = await courierToWhoPays(chat);
    expect(whoPays.text).toContain("Comment payez-vous la course ?");
    expect(whoPays.text).toContain("Étape 7/7");
    expect(whoPays.options).toEqual(["pay:cash", "pay:mtn_momo", "pay:airtel_money"]);
    const payer = await chat.tap("pay:mtn_momo");
    expect(payer.options).toEqual(["payer:self", "payer:other"]);
    const recap = await chat.tap("payer:self");
    expect(recap.text).toContain("Récapitulatif");
    expect(recap.text).toContain("💳 Paiement : 📱 MTN MoMo");

    const amount = (await price()).toLocaleString("fr-FR").replace(/\s/g, " ");
    const waiting = await chat.tap("courier:confirm");
    expect(waiting.text).toContain(`Confirmez le paiement de ${amount} FCFA sur votre téléphone (+242 06 123 4567)`);
    expect(waiting.text).toContain("Votre course part dès que le paiement est reçu.");
    expect(payments.requests).toEqual([
      expect.objectContaining({
        amount: await price(),
        payer: "061234567",
        operator: "mtn",
        metadata: { waId: SENDER },
      }),
    ]);
    expect(await backend.missions.list({})).toEqual([]);

    expect((await chat.send("alors ?")).text).toContain("en attente");
    expect(await backend.missions.list({})).toEqual([]);

    payments.settle(payments.idOf(0), "succeeded");
    const done = await settled(payments.idOf(0));
    expect(done.text).toContain(`Paiement de ${amount} FCFA reçu`);
    expect(done.text).toContain("COUR-20261121-001");
    await settled(payments.idOf(0)); // the same settlement delivered again
    expect(await backend.missions.list({})).toEqual([
      expect.objectContaining({
        reference: "COUR-20261121-001",
        clientPhone: SENDER,
        payment: "mtn_momo",
        paymentReference: payments.idOf(0),
      }),
    ]);
  });

  it("a payment whose provider gave its transaction id: the mission's paymentReference is that id, created once", async () => {
    const { backend, payments, chat, settled } = courier();
    await courierToWhoPays(chat);
    await chat.tap("pay:mtn_momo");
    await chat.tap("payer:self");
    await chat.tap("courier:confirm");
    // MTN's financialTransactionId: what the operator's statement shows, not our payment id.
    payments.settle(payments.idOf(0), "succeeded", undefined, undefined, "4567890123");
    await settled(payments.idOf(0));
    await settled(payments.idOf(0)); // the same settlement delivered again
    expect(await backend.missions.list({})).toEqual([
      expect.objectContaining({ payment: "mtn_momo", paymentReference: "4567890123" }),
    ]);
  });

  it("says why each failure happened and offers retry, another number or cash", async () => {
    const { backend, payments, chat, settled } = courier();
    await courierToWhoPays(chat);
    await chat.tap("pay:mtn_momo");
    await chat.tap("payer:self");
    await chat.tap("courier:confirm");
    for (const [n, reason] of mobileMoneyFailures.entries()) {
      payments.settle(payments.idOf(n), "failed", reason);
      const failed = await settled(payments.idOf(n));
      expect(failed.text).toContain(fr.mobileMoney.failed[reason]);
      expect(failed.text).toContain("Votre demande est gardée");
      expect(failed.options).toEqual(["payfix:retry", "payfix:other", "payfix:cash"]);
      if (n < mobileMoneyFailures.length - 1) expect((await chat.tap("payfix:retry")).text).toContain("Confirmez");
    }
    expect(new Set(payments.requests.map((r) => r.id)).size).toBe(mobileMoneyFailures.length);
    expect(await backend.missions.list({})).toEqual([]);

    const cash = await chat.tap("payfix:cash");
    expect(cash.text).toContain("COUR-20261121-001");
    const [mission] = await backend.missions.list({});
    expect(mission?.payment).toBeUndefined(); // cash after failed payments: the driver collects
    expect(mission?.paymentReference).toBeUndefined();
  });

  it("pays from another number, checked against the operator", async () => {
    const { backend, payments, chat, settled } = courier();
    await courierToWhoPays(chat);
    await chat.tap("pay:airtel_money");
    const own = await chat.tap("payer:self"); // an MTN number: is it really an Airtel Money account?
    expect(own.text).toContain("Ce numéro est-il bien un compte 📱 Airtel Money ?");
    const typed = await chat.tap("payerop:no");
    expect(typed.text).toContain("Tapez le numéro 📱 Airtel Money");
    await chat.send("05 512 34 56");
    await chat.tap("courier:confirm");
    expect(payments.requests[0]).toMatchObject({ payer: "055123456", operator: "airtel" });
    payments.settle(payments.idOf(0), "failed", "rejected");
    await settled(payments.idOf(0));
    const other = await chat.tap("payfix:other");
    expect(other.options).toEqual(["payer:self", "payer:other"]);
    await chat.send("+242 04 555 44 33");
    await chat.tap("courier:confirm");
    expect(payments.requests[1]).toMatchObject({ payer: "045554433" });
    payments.settle(payments.idOf(1), "succeeded");
    await settled(payments.idOf(1));
    expect(await backend.missions.list({})).toEqual([
      expect.objectContaining({ payment: "airtel_money", paymentReference: payments.idOf(1) }),
    ]);
  });

  it("a number ported to the other operator pays with the chosen one once the customer says it is that operator's account", async () => {
    const { payments, chat } = courier();
    await courierToWhoPays(chat);
    await chat.tap("pay:mtn_momo");
    await chat.tap("payer:other");
    const ask = await chat.send("05 512 34 56"); // an Airtel prefix, ported to MTN
    expect(ask.text).toContain("Le +242 05 512 3456 commence comme un numéro de l'autre opérateur.");
    expect(ask.text).toContain("Ce numéro est-il bien un compte 📱 MTN MoMo ?");
    expect(ask.options).toEqual(["payerop:yes", "payerop:no"]);
    expect(payments.requests).toEqual([]);
    const recap = await chat.tap("payerop:yes");
    expect(recap.text).toContain("💳 Paiement : 📱 MTN MoMo");
    await chat.tap("courier:confirm");
    expect(payments.requests).toEqual([expect.objectContaining({ payer: "055123456", operator: "mtn" })]);
  });

  it("answering no to 'is it really an MTN MoMo account?' asks for another number; a non-Congo number is still refused", async () => {
    const { payments, chat } = courier();
    await courierToWhoPays(chat);
    await chat.tap("pay:mtn_momo");
    await chat.tap("payer:other");
    await chat.send("04 555 44 33");
    const again = await chat.tap("payerop:no");
    expect(again.text).toContain("Tapez le numéro 📱 MTN MoMo qui va payer");
    expect((await chat.send("07 123 45 67")).text).toContain("Ce n'est pas un numéro 📱 MTN MoMo");
    const recap = await chat.send("06 987 65 43"); // MTN's own prefix: no question
    expect(recap.text).toContain("Récapitulatif");
    await chat.tap("courier:confirm");
    expect(payments.requests).toEqual([expect.objectContaining({ payer: "069876543", operator: "mtn" })]);
  });

  it("a payment of another amount than the delivery's price creates nothing: refund handed over, recap again, then paid once", async () => {
    const { backend, payments, chat, settled, price } = courier();
    await courierToWhoPays(chat);
    await chat.tap("pay:mtn_momo");
    await chat.tap("payer:self");
    await chat.tap("courier:confirm");
    const due = await price();
    const first = payments.idOf(0);
    payments.settle(first, "succeeded", undefined, due - 500); // the provider reports 500 FCFA less
    const answer = await settled(first);
    const fcfa = (n: number) => formatXaf(n, "fr");
    expect(answer.text).toContain(fr.mobileMoney.amountChanged(fcfa(due - 500), fcfa(due)));
    expect(answer.text).not.toContain(fr.mobileMoney.paidAfterLeaving(fcfa(due - 500)));
    expect(answer.text).toContain("Récapitulatif"); // the recap again, to confirm anew
    expect(payments.refunds).toEqual([{ id: first, reason: `paid ${due - 500} XAF, the order now costs ${due} XAF` }]);
    expect(await backend.missions.list({})).toEqual([]);
    await settled(first); // the same settlement again: nothing more
    expect(payments.refunds).toHaveLength(1);

    await chat.tap("courier:confirm");
    const second = payments.idOf(1);
    expect(second).not.toBe(first);
    expect(payments.requests[1]?.amount).toBe(due);
    payments.settle(second, "succeeded");
    expect((await settled(second)).text).toContain(`Paiement de ${fcfa(due)} reçu`);
    expect(await backend.missions.list({})).toEqual([expect.objectContaining({ paymentReference: second })]);
  });

  it("cash asks no number and creates the mission on confirmation", async () => {
    const { backend, payments, chat } = courier();
    await courierToWhoPays(chat);
    const recap = await chat.tap("pay:cash");
    expect(recap.text).toContain("💳 Paiement : 💵 Espèces");
    await chat.tap("courier:confirm");
    expect(payments.requests).toEqual([]);
    expect(await backend.missions.list({})).toEqual([expect.not.objectContaining({ payment: expect.anything() })]);
  });

  it("speaks English and Lingala", async () => {
    const english = courier();
    await english.chat.send("english");
    const whoPays = await courierToWhoPays(english.chat, "I want to send a parcel");
    expect(whoPays.text).toContain(en.courier.askPayment);
    await english.chat.tap("pay:mtn_momo");
    await english.chat.tap("payer:self");
    const waiting = await english.chat.tap("courier:confirm");
    expect(waiting.text).toContain("Confirm the payment of");
    expect(waiting.text).toContain(en.courier.held);

    const lingala = courier();
    await lingala.chat.send("lingala");
    expect((await courierToWhoPays(lingala.chat, "nalingi kotinda colis")).text).toContain(
      "Okofuta course ndenge nini ?",
    );
  });
});
