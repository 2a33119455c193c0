// The README's quick start, verbatim (imports aside): if this breaks, the README is wrong.
import { expect, it } from "vitest";
import { builtInFlows, defineFlow, END, MemoryBackend, reply } from "./index.js";
import { createTestConversation } from "./testing/index.js";

it("runs the README quick start", async () => {
  const backend = new MemoryBackend();
  const chat = createTestConversation({ flows: builtInFlows({ backend }) });

  await chat.send("Je veux envoyer un colis");
  await chat.shareLocation(-4.2634, 15.2429); // pickup: a shared GPS point
  await chat.send("Rond-point Moungali"); // destination
  await chat.send("15 000"); // parcel value, XAF
  await chat.send("2 pagnes"); // description
  const recap = await chat.send("Marie 06 123 4567"); // recipient name and phone in one message
  const done = await chat.tap("courier:confirm");

  expect(recap.text).toContain("Prix de la course");
  expect(done.text).toMatch(/Référence \*COUR-\d{8}-001\*/);
  expect(await backend.missions.list({})).toHaveLength(1);
});

// The README's "Writing a flow" and "Testing your flows" snippets.
const feedback = defineFlow<{ rating: number; comment: string }>({
  id: "feedback",
  menuTitle: () => "⭐ Donner un avis",
  steps: [
    {
      id: "rating",
      fills: ["rating"],
      prompt: () =>
        reply.buttons(
          "Votre note ?",
          [1, 2, 3].map((n) => ({ id: `r:${n}`, title: "⭐".repeat(n) })),
        ),
      parse: (input) =>
        input.kind === "choice" && input.id.startsWith("r:")
          ? { ok: true, set: { rating: Number(input.id.slice(2)) }, ...(input.id === "r:3" ? { goto: END } : {}) }
          : { ok: false, error: "Touchez une des étoiles." },
    },
    {
      id: "comment",
      fills: ["comment"],
      prompt: () => reply.text("Que pouvons-nous améliorer ?"),
      parse: (input, ctx) =>
        input.kind === "text" && input.text.trim().length > 1
          ? { ok: true, set: { comment: input.text.trim() } }
          : { ok: false, error: ctx.nlu.explain("description", ctx.locale) },
    },
  ],
  complete: ({ data }) => reply.text(`Merci pour vos ${data.rating} étoile(s) 🙏`),
});

it("runs the README's custom flow test", async () => {
  const chat = createTestConversation({ flows: [feedback], sessionExpiryMs: 60_000 });
  const turn = await chat.send("menu");
  expect(turn.options).toContain("flow:feedback");
  await chat.tap("⭐ Donner un avis");
  const bad = await chat.send("super");
  expect(bad.text).toContain("Touchez une des étoiles");
  chat.advance(61_000);
  expect((await chat.tap("r:2")).options).toEqual(["cmd:resume", "cmd:restart"]);
  const resumed = await chat.tap("cmd:resume");
  expect(resumed.text).toContain("Votre note ?");
  await chat.tap("r:3");
  expect(chat.lastText).toBe("Merci pour vos 3 étoile(s) 🙏");
  await expect(chat.tap("not offered")).rejects.toThrow(/no button or list row/);
});
