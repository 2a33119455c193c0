import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../../backend/memory-backend.js";
import { formatXaf } from "../../i18n/format.js";
import { fr } from "../../i18n/fr.js";
import { createNotifier } from "../../notifications/notifier.js";
import { paymentSettledMessage } from "../../payments/mobile-money.js";
import { ScriptedPayments } from "../../test-support/scripted-payments.js";
import { RecordingMessenger } from "../../testing/recording-messenger.js";
import { createTestConversation } from "../../testing/test-conversation.js";
import { identifyWith } from "../auth/auth-flow.js";
import { builtInFlows } from "../built-in.js";

const CLIENT = "242061234567";
const MERCHANT = "242055550101";

function shop() {
  const backend = new MemoryBackend({ now: () => Date.UTC(2026, 10, 21, 9, 0, 0) });
  const messenger = new RecordingMessenger();
  const payments = new ScriptedPayments();
  const chat = createTestConversation({
    messenger,
    flows: builtInFlows({ backend, notifier: createNotifier({ messenger, backend }), payments }),
    authFlow: "auth",
    identify: identifyWith(backend),
    user: CLIENT,
    contactName: "Aline",
  });
  /** The message the app hands the conversation when a payment settles. */
  const settled = (id: string) => chat.deliver(paymentSettledMessage(id, CLIENT).message, { id: `settled:${id}` });
  return { backend, messenger, payments, chat, settled };
}

async function toRecap(chat: ReturnType<typeof shop>["chat"], method: "pay:mtn_momo" | "pay:airtel_money") {
  const first = await chat.send("je veux commander à manger");
  // "à manger" may already pick the restaurants (the flow's extract); tap the category only when asked.
  if (first.options.includes("cat:restaurants")) await chat.tap("cat:restaurants");
  await chat.tap("shop:chez-mama-ngudi");
  await chat.tap("prod:poulet-braise");
  await chat.tap("qty:2");
  await chat.shareLocation(-4.2661, 15.2832, { address: "Rue Mbochi" });
  return chat.tap(method);
}

describe("marketplace paid by Mobile Money", () => {
  it("holds the order until the payment succeeds, then confirms it and alerts the merchant once", async () => {
    const { backend, messenger, payments, chat, settled } = shop();
    const payer = await toRecap(chat, "pay:mtn_momo");
    expect(payer.options).toEqual(["payer:self", "payer:other"]);
    const recap = await chat.tap("payer:self");
    expect(recap.text).toContain("Total : 8 000 FCFA");
    const waiting = await chat.tap("shop:confirm");
    expect(waiting.text).toContain("Confirmez le paiement de 8 000 FCFA sur votre téléphone (+242 06 123 4567)");
    expect(payments.requests).toEqual([
      // The shop is named so the app counts the payment under the merchant's company.
      expect.objectContaining({
        amount: 8000,
        payer: "061234567",
        operator: "mtn",
        metadata: { waId: CLIENT, merchantId: "chez-mama-ngudi" },
      }),
    ]);
    expect(await backend.orders.list({})).toEqual([]);

    const early = await chat.send("c'est bon ?");
    expect(early.text).toContain("Paiement de 8 000 FCFA en attente");
    expect(await backend.orders.list({})).toEqual([]);

    const id = payments.requests[0]?.id ?? "";
    payments.settle(id, "succeeded");
    const done = await settled(id);
    expect(done.text).toContain("Paiement de 8 000 FCFA reçu");
    expect(done.text).toContain("Commande *CMD-20261121-001* envoyée");
    await settled(id); // the same settlement delivered again
    // The order names the payment that paid it, so its delivery will be marked paid.
    expect(await backend.orders.list({})).toEqual([
      expect.objectContaining({ payment: "mtn_momo", total: 8000, paymentReference: id }),
    ]);
    expect(messenger.to(MERCHANT)).toHaveLength(1);
  });

  it("an Airtel payment whose airtel_money_id is known: the order's paymentReference is that id, not ours", async () => {
    const { backend, payments, chat, settled } = shop();
    await toRecap(chat, "pay:airtel_money");
    await chat.send("05 555 01 23");
    await chat.tap("shop:confirm");
    const id = payments.requests[0]?.id ?? "";
    payments.settle(id, "succeeded", undefined, undefined, "MP261121.0930.A12345");
    await settled(id);
    await settled(id); // redelivered: still one order
    expect(await backend.orders.list({})).toEqual([
      expect.objectContaining({ payment: "airtel_money", paymentReference: "MP261121.0930.A12345" }),
    ]);
  });

  it("a failure says why in French and offers retry, another number or cash", async () => {
    const { backend, payments, chat, settled } = shop();
    await toRecap(chat, "pay:airtel_money");
    const notAirtel = await chat.tap("payer:self"); // the customer's own number is an MTN number
    expect(notAirtel.text).toContain("Ce numéro est-il bien un compte 📱 Airtel Money ?");
    await chat.send("05 512 34 56");
    await chat.tap("shop:confirm");
    const first = payments.requests[0]?.id ?? "";
    payments.settle(first, "failed", "insufficient_funds");
    const failed = await settled(first);
    expect(failed.text).toContain("Solde insuffisant sur ce compte Mobile Money");
    expect(failed.options).toEqual(["payfix:retry", "payfix:other", "payfix:cash"]);

    const retry = await chat.tap("payfix:retry");
    expect(retry.text).toContain("Confirmez le paiement");
    const second = payments.requests[1]?.id ?? "";
    expect(second).not.toBe(first);
    payments.settle(second, "failed", "expired");
    expect((await settled(second)).text).toContain("pas été validé à temps");

    const cash = await chat.tap("payfix:cash");
    expect(cash.text).toContain("Commande *CMD-20261121-001* envoyée");
    const [order] = await backend.orders.list({});
    expect(order).toMatchObject({ payment: "cash" });
    expect(order?.paymentReference).toBeUndefined(); // cash after failed payments: collected at the door
  });

  it("MTN Congo's combined refusal names its three possible causes, not a low balance alone, and offers the same way out", async () => {
    const { payments, chat, settled } = shop();
    await toRecap(chat, "pay:mtn_momo");
    await chat.tap("payer:self");
    await chat.tap("shop:confirm");
    const id = payments.requests[0]?.id ?? "";
    payments.settle(id, "failed", "declined_unspecified");
    const failed = await settled(id);
    expect(failed.text).toContain(
      "Paiement refusé par MTN MoMo : solde insuffisant, plafond atteint ou compte non autorisé.",
    );
    expect(failed.text).not.toContain("Solde insuffisant sur ce compte");
    expect(failed.options).toEqual(["payfix:retry", "payfix:other", "payfix:cash"]);
  });

  it("another number after a refusal goes back through the recap and pays with the new number", async () => {
    const { backend, payments, chat, settled } = shop();
    await toRecap(chat, "pay:mtn_momo");
    await chat.tap("payer:self");
    await chat.tap("shop:confirm");
    const first = payments.requests[0]?.id ?? "";
    payments.settle(first, "failed", "rejected");
    expect((await settled(first)).text).toContain("refusé sur le téléphone");
    const asked = await chat.tap("payfix:other");
    expect(asked.options).toEqual(["payer:self", "payer:other"]);
    await chat.send("+242 06 555 44 33");
    await chat.tap("shop:confirm");
    expect(payments.requests[1]).toMatchObject({ payer: "065554433" });
    payments.settle(payments.requests[1]?.id ?? "", "succeeded");
    await settled(payments.requests[1]?.id ?? "");
    expect(await backend.orders.list({})).toHaveLength(1);
  });

  it("a payment failed as expired then approved late: the late settlement confirms the order once, never a second charge", async () => {
    const { backend, messenger, payments, chat, settled } = shop();
    await toRecap(chat, "pay:mtn_momo");
    await chat.tap("payer:self");
    await chat.tap("shop:confirm");
    const id = payments.idOf(0);
    payments.settle(id, "failed", "expired");
    expect((await settled(id)).options).toEqual(["payfix:retry", "payfix:other", "payfix:cash"]);
    payments.settle(id, "succeeded"); // the payer approved after the collector gave up
    const late = await chat.deliver(paymentSettledMessage(id, CLIENT, { late: true }).message, {
      id: paymentSettledMessage(id, CLIENT, { late: true }).id,
    });
    expect(late.text).toContain("Paiement de 8 000 FCFA reçu");
    expect(await backend.orders.list({})).toEqual([expect.objectContaining({ paymentReference: id })]);
    expect(payments.requests).toHaveLength(1);
    expect(messenger.to(MERCHANT)).toHaveLength(1);
  });

  it("Réessayer after an expiry asks the provider about the first payment first: approved meanwhile → paid, no new payment", async () => {
    const { backend, payments, chat, settled } = shop();
    await toRecap(chat, "pay:mtn_momo");
    await chat.tap("payer:self");
    await chat.tap("shop:confirm");
    const id = payments.idOf(0);
    payments.settle(id, "failed", "expired");
    await settled(id);
    payments.settle(id, "succeeded");
    const retried = await chat.tap("payfix:retry");
    expect(payments.checks).toEqual([id]);
    expect(retried.text).toContain("Paiement de 8 000 FCFA reçu");
    expect(payments.requests).toHaveLength(1); // never asked to pay again
    expect(await backend.orders.list({})).toHaveLength(1);
  });

  it("Réessayer when the first payment is still not paid asks for a new one", async () => {
    const { payments, chat, settled } = shop();
    await toRecap(chat, "pay:mtn_momo");
    await chat.tap("payer:self");
    await chat.tap("shop:confirm");
    const id = payments.idOf(0);
    payments.settle(id, "failed", "expired");
    await settled(id);
    await chat.tap("payfix:retry");
    expect(payments.checks).toEqual([id]);
    expect(payments.requests).toHaveLength(2);
  });

  it("a payment whose amount is not the order's total confirms nothing: refund handed to a person, recap shown again", async () => {
    const { backend, messenger, payments, chat, settled } = shop();
    await toRecap(chat, "pay:mtn_momo");
    await chat.tap("payer:self");
    await chat.tap("shop:confirm");
    const id = payments.idOf(0);
    payments.settle(id, "succeeded", undefined, 7000); // paid 7 000 for an 8 000 order
    const answer = await settled(id);
    expect(answer.text).toContain(fr.mobileMoney.amountChanged(formatXaf(7000, "fr"), formatXaf(8000, "fr")));
    expect(answer.text).toContain("Total : 8 000 FCFA"); // the recap again
    expect(payments.refunds).toEqual([{ id, reason: "paid 7000 XAF, the order now costs 8000 XAF" }]);
    expect(await backend.orders.list({})).toEqual([]);
    expect(messenger.to(MERCHANT)).toHaveLength(0);
  });
});
