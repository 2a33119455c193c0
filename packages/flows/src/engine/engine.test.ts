import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { FlowsValidationError } from "../errors.js";
import { courierFlow } from "../flows/courier/courier-flow.js";
import { reply } from "../messaging/reply.js";
import { MemorySessionStore } from "../sessions/memory-store.js";
import type { Session } from "../sessions/types.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { createTestConversation } from "../testing/test-conversation.js";
import type { AnalyticsSink } from "./analytics.js";
import { createFlowEngine } from "./engine.js";
import { smartUnderstanding } from "./smart-understanding.js";
import { defineFlow } from "./types.js";
import type { Understanding } from "./understanding.js";
import type { HandledInfo } from "./user-drain.js";

const shop = defineFlow<{ item: string }>({
  id: "shop",
  menuTitle: () => "🛍️ Boutique",
  intents: ["marketplace"],
  steps: [
    {
      id: "item",
      fills: ["item"],
      prompt: () => reply.text("Quel article ?"),
      parse: (input) =>
        input.kind === "text" ? { ok: true, set: { item: input.text } } : { ok: false, error: "Tapez un article" },
    },
  ],
  complete: ({ data }) => reply.text(`Commande de ${data.item} enregistrée`),
});

const flows = () => [courierFlow({ backend: new MemoryBackend() }), shop];
const minutes = (n: number) => n * 60_000;

describe("engine", () => {
  it("greets a newcomer with the menu of flows", async () => {
    const chat = createTestConversation({ flows: flows(), contactName: "Aline" });
    const turn = await chat.send("Bonjour");
    expect(turn.text).toContain("Bonjour Aline");
    expect(turn.options).toEqual(["flow:courier", "flow:shop"]);
    const started = await chat.tap("🛍️ Boutique");
    expect(started.text).toContain("Quel article ?");
  });

  it("asks before switching flows mid-way, and keeps the answer when the user stays", async () => {
    const chat = createTestConversation({ flows: flows() });
    await chat.send("envoyer un colis");
    await chat.send("Poto-Poto");
    const ask = await chat.send("Je veux commander au marché");
    expect(ask.text).toContain("Voulez-vous abandonner");
    expect(ask.options).toEqual(["cmd:yes", "cmd:no"]);
    const stay = await chat.tap("cmd:no");
    // The message is taken as the answer to the current step (destination).
    expect(stay.text).toContain("Étape 3/6");

    const ask2 = await chat.send("je veux commander à manger");
    expect(ask2.options).toEqual(["cmd:yes", "cmd:no"]);
    const switched = await chat.send("oui");
    expect(switched.text).toContain("Quel article ?");
  });

  it("does not restart a flow on a greeting mid-way", async () => {
    const chat = createTestConversation({ flows: flows() });
    await chat.send("envoyer un colis");
    await chat.send("Poto-Poto");
    const hi = await chat.send("Bonjour !");
    expect(hi.text).toContain("Rebonjour");
    expect(hi.text).toContain("Étape 2/6");
  });

  it("offers to resume after 30 minutes of silence, and resumes where the user was", async () => {
    const chat = createTestConversation({ flows: flows() });
    await chat.send("envoyer un colis");
    await chat.send("Poto-Poto");
    chat.advance(minutes(31));
    const offer = await chat.send("Bacongo");
    expect(offer.text).toContain("Envoyer un colis");
    expect(offer.options).toEqual(["cmd:resume", "cmd:restart"]);
    const resumed = await chat.tap("▶️ Reprendre");
    expect(resumed.text).toContain("On reprend");
    expect(resumed.text).toContain("Étape 2/6");
  });

  it("starts over on « recommencer » after expiry", async () => {
    const chat = createTestConversation({ flows: flows(), sessionExpiryMs: minutes(5) });
    await chat.send("envoyer un colis");
    chat.advance(minutes(6));
    await chat.send("Poto-Poto");
    const restart = await chat.tap("cmd:restart");
    expect(restart.replies.at(-1)?.type).toBe("list");
    const fresh = await chat.send("envoyer un colis");
    expect(fresh.text).toContain("Étape 1/6");
  });

  it("handles each message id once", async () => {
    const chat = createTestConversation({ flows: flows() });
    const first = await chat.send("envoyer un colis", { id: "wamid.same" });
    const again = await chat.send("envoyer un colis", { id: "wamid.same" });
    expect(first.status).toBe("handled");
    expect(again.status).toBe("duplicate");
    expect(again.replies).toEqual([]);
    expect(chat.history).toHaveLength(first.replies.length);
  });

  it("serialises two concurrent messages of one user in arrival order", async () => {
    const chat = createTestConversation({ flows: flows() });
    await chat.send("envoyer un colis");
    const [a, b] = await Promise.all([chat.send("Poto-Poto"), chat.send("Bacongo")]);
    expect(a.text).toContain("Étape 2/6");
    expect(b.text).toContain("Étape 3/6");
    const recap = [await chat.send("5000"), await chat.send("documents"), await chat.send("Marie")];
    const last = await chat.send("06 123 4567");
    expect(recap).toHaveLength(3);
    expect(last.text).toContain("📍 Départ : Poto-Poto");
    expect(last.text).toContain("🏁 Arrivée : Bacongo");
  });

  it("marks new messages as read when asked, never duplicates", async () => {
    const chat = createTestConversation({ flows: flows(), markAsRead: true });
    await chat.send("envoyer un colis", { id: "wamid.r1" });
    await chat.send("envoyer un colis", { id: "wamid.r1" });
    await chat.send("Poto-Poto", { id: "wamid.r2" });
    expect(chat.messenger.read).toEqual(["wamid.r1", "wamid.r2"]);
  });

  it("ignores reactions instead of reading them as answers", async () => {
    const chat = createTestConversation({ flows: flows() });
    await chat.send("envoyer un colis");
    const thumbsUp = { type: "reaction", messageId: "wamid.out.1", emoji: "👍" };
    const reaction = await chat.deliver(thumbsUp);
    expect(reaction).toMatchObject({ status: "handled", replies: [] });
    const next = await chat.send("Poto-Poto");
    expect(next.text).toContain("Étape 2/6");
  });

  it("works with an asynchronous understanding (e.g. an LLM behind it)", async () => {
    const later = <T>(value: T) => new Promise<T>((resolve) => setImmediate(() => resolve(value)));
    const nlu: Understanding = {
      ...smartUnderstanding,
      detectIntent: async (text) => later(await smartUnderstanding.detectIntent(text)),
      // Pretend the model knows Marie's full name.
      extractDeliveryDetails: async (text) => ({
        ...(await smartUnderstanding.extractDeliveryDetails(text)),
        ...(text.includes("Marie") ? { recipientName: "Marie Okemba" } : {}),
      }),
      parsePhone: async (text) => later(await smartUnderstanding.parsePhone(text)),
    };
    const chat = createTestConversation({ flows: flows(), nlu });
    await chat.send("envoyer un colis pour Marie, 5000 F");
    await chat.send("Poto-Poto");
    const next = await chat.send("Bacongo");
    expect(next.text).toContain("Que contient le colis");
    const phone = await chat.send("documents");
    expect(phone.text).toContain("numéro de Marie Okemba");
    const recap = await chat.send("06 123 4567");
    expect(recap.text).toContain("Marie Okemba (+242 06 123 4567)");
  });

  it("keeps users apart", async () => {
    const chat = createTestConversation({ flows: flows() });
    const other = chat.as("242055555555");
    await chat.send("envoyer un colis");
    const menu = await other.send("Poto-Poto");
    expect(menu.replies.at(-1)?.type).toBe("list");
    const mine = await chat.send("Poto-Poto");
    expect(mine.text).toContain("Étape 2/6");
  });

  it("understands emoji and accented command buttons and words", async () => {
    const chat = createTestConversation({ flows: flows() });
    await chat.send("envoyer un colis");
    expect((await chat.send("🆘 AIDE")).text).toContain("Aide TokTok");
    expect((await chat.send("Menu !")).replies.at(-1)?.type).toBe("list");
    expect((await chat.send("annuler")).text).toContain("rien à annuler");
  });

  it("retries the whole handling when another writer changed the session in between", async () => {
    const store = new MemorySessionStore();
    let raced = false;
    const racing = {
      load: (id: string) => store.load(id),
      delete: (id: string) => store.delete(id),
      save: async (id: string, session: Session, version: number) => {
        if (!raced) {
          raced = true;
          // Another process writes first: our version is now stale.
          await store.save(id, { userId: id, updatedAt: 0, processed: ["wamid.other"] }, version);
        }
        return store.save(id, session, version);
      },
    };
    const messenger = new RecordingMessenger();
    const engine = createFlowEngine({ messenger, flows: flows(), store: racing });
    const result = await engine.handle({
      id: "wamid.1",
      from: "242061234567",
      message: { type: "text", text: "envoyer un colis" },
    });
    expect(result.status).toBe("handled");
    // Replies were sent once, after the successful write.
    expect(messenger.sent).toHaveLength(result.replies.length);
    const saved = await store.load("242061234567");
    // The raced write, ours, and the outbox emptied once the replies were sent.
    expect(saved?.version).toBe(3);
    expect(saved?.session.processed).toEqual(["wamid.other", "wamid.1"]);
  });

  it("reports sessions, messages, funnel steps and conversions to the analytics sink", async () => {
    const calls: string[] = [];
    const sink: AnalyticsSink = {
      trackSessionStart: (u, role) => calls.push(`session ${u} ${role}`),
      trackMessage: (_u, type) => calls.push(`message ${type}`),
      trackFunnelStep: (_u, flow, step) => calls.push(`funnel ${flow}/${step}`),
      trackConversion: (_u, type, value) => calls.push(`conversion ${type} ${value}`),
    };
    const chat = createTestConversation({ flows: flows(), analytics: sink });
    await chat.send("je veux commander à manger");
    await chat.send("du riz");
    expect(calls).toEqual(["session 242061234567 client", "message text", "funnel shop/item", "message text"]);
  });

  it("apologises when a step fails and leaves the session as it was", async () => {
    let down = true;
    const flaky = defineFlow<{ n: string }>({
      id: "flaky",
      menuTitle: () => "Flaky",
      steps: [
        {
          id: "n",
          fills: ["n"],
          prompt: () => reply.text("Un nombre ?"),
          parse: (input) => {
            if (down) throw new Error("backend down");
            return input.kind === "text" ? { ok: true, set: { n: input.text } } : { ok: false, error: "?" };
          },
        },
      ],
      complete: ({ data }) => reply.text(`Reçu ${data.n}`),
    });
    const errors: string[] = [];
    const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (m: string) => errors.push(m) };
    const handled: HandledInfo[] = [];
    const chat = createTestConversation({ flows: [flaky], logger, onHandled: (info) => handled.push(info) });
    await chat.send("menu");
    await chat.tap("flow:flaky");
    const failed = await chat.send("42", { id: "wamid.f1" });
    expect(failed.status).toBe("failed");
    expect(failed.text).toContain("problème technique");
    expect(errors).toEqual(["flows: handling failed"]);
    // onHandled carries what the step threw, so the app can count the failure by its cause.
    const last = handled.at(-1);
    expect(last).toMatchObject({ messageId: "wamid.f1", status: "failed" });
    expect(last?.error).toBeInstanceOf(Error);
    expect((last!.error as Error).message).toBe("backend down");
    expect(handled.filter((h) => h.error !== undefined)).toHaveLength(1);
    down = false;
    // The flow was left at its step: the user's next try goes through (the failed one was answered).
    const retried = await chat.send("42", { id: "wamid.f2" });
    expect(retried.text).toBe("Reçu 42");
  });

  it("switches language on « english » / « français », keeping the step", async () => {
    const chat = createTestConversation({ flows: flows() });
    await chat.send("envoyer un colis");
    const en = await chat.send("English");
    expect(en.text).toContain("Step 1/6");
    expect(en.text).toContain("Where should we pick the parcel up?");
    const next = await chat.send("Poto-Poto");
    expect(next.text).toContain("Where should we deliver it?");
    const fr = await chat.send("Français");
    expect(fr.text).toContain("Étape 2/6");
  });

  it("rejects bad options with the field's name", () => {
    const messenger = new RecordingMessenger();
    expect(() => createFlowEngine({ messenger, flows: flows(), sessionExpiryMs: -1 })).toThrow(/sessionExpiryMs/);
    expect(() => createFlowEngine({ messenger, flows: [] })).toThrow(FlowsValidationError);
    expect(() => createFlowEngine({ messenger, flows: [shop, shop] })).toThrow(/duplicate flow id "shop"/);
    expect(() => createFlowEngine({ messenger, flows: [shop], authFlow: "auth" })).toThrow(/authFlow/);
  });
});
