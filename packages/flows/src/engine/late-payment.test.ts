import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { courierFlow } from "../flows/courier/courier-flow.js";
import { paymentSettledMessage } from "../payments/mobile-money.js";
import { courierToWhoPays } from "../test-support/courier-to-payment.js";
import { ScriptedPayments } from "../test-support/scripted-payments.js";
import { createTestConversation } from "../testing/test-conversation.js";
import type { LatePayment } from "./late-payment.js";

const SENDER = "242061234567";

/** A courier request paid by MTN MoMo, left waiting for the payment; `onLatePayment` records its calls. */
async function waiting() {
  const backend = new MemoryBackend({ now: () => Date.UTC(2026, 10, 21, 9, 0, 0) });
  const payments = new ScriptedPayments();
  const late: LatePayment[] = [];
  const chat = createTestConversation({
    flows: [courierFlow({ backend, payments })],
    user: SENDER,
    onLatePayment: async (info) => {
      late.push(info);
      const payment = await payments.get(info.paymentId);
      if (payment?.status !== "succeeded" || !(await payments.claim(info.paymentId))) return undefined;
      return info.t.mobileMoney.paidAfterLeaving(`${payment.amount} FCFA`);
    },
  });
  await courierToWhoPays(chat);
  await chat.tap("pay:mtn_momo");
  await chat.tap("payer:self");
  await chat.tap("courier:confirm");
  const id = payments.idOf(0);
  /** The app's settlement message, with the id the bot gives it. */
  const settled = () => {
    const m = paymentSettledMessage(id, SENDER);
    return chat.deliver(m.message, { id: m.id });
  };
  return { backend, payments, chat, late, id, settled };
}

describe("a payment that settles after the customer left the waiting step", () => {
  it("paid for a cancelled request: told plainly, never 'choose an option', the handler called once", async () => {
    const { backend, payments, chat, late, id, settled } = await waiting();
    expect((await chat.send("annuler")).text).toContain("annulée");
    payments.settle(id, "succeeded");
    const told = await settled();
    expect(told.text).toContain("n'est plus en cours");
    expect(told.text).toContain("rembourser");
    expect(told.text).not.toContain("Choisissez");
    expect(told.replies).toHaveLength(1);
    expect(late).toEqual([expect.objectContaining({ userId: SENDER, paymentId: id, locale: "fr" })]);
    expect(await backend.missions.list({})).toEqual([]);
  });

  it("paid while the customer is in another flow's question: told, then the question is asked again", async () => {
    const { payments, chat, id, settled } = await waiting();
    await chat.send("menu");
    await chat.tap("flow:courier"); // a new request, at its first question
    payments.settle(id, "succeeded");
    const told = await settled();
    expect(told.text).toContain("n'est plus en cours");
    expect(told.replies.at(-1)?.type).toBe("location_request");
  });

  it("a failed payment after leaving says nothing (nobody was charged)", async () => {
    const { payments, chat, late, id, settled } = await waiting();
    await chat.send("menu");
    payments.settle(id, "failed", "expired");
    const silent = await settled();
    expect(silent.replies).toEqual([]);
    expect(late).toHaveLength(1);
  });

  it("a payment the flow already used (the customer's message saw it first) is not refunded", async () => {
    const { backend, payments, chat, late, id, settled } = await waiting();
    payments.settle(id, "succeeded");
    expect((await chat.send("c'est bon ?")).text).toContain("COUR-20261121-001");
    const after = await settled();
    expect(after.replies).toEqual([]);
    expect(late).toHaveLength(1); // asked, and the claim told it the payment was used
    expect(await backend.missions.list({})).toHaveLength(1);
  });

  it("the settlement the flow waits for still completes it", async () => {
    const { backend, payments, late, id, settled } = await waiting();
    payments.settle(id, "succeeded");
    expect((await settled()).text).toContain("COUR-20261121-001");
    expect(late).toEqual([]);
    expect(await backend.missions.list({})).toHaveLength(1);
  });
});
