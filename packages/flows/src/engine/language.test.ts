import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { builtInFlows } from "../flows/built-in.js";
import { catalogues } from "../i18n/catalogue.js";
import { createTestConversation } from "../testing/test-conversation.js";

const chat = () => createTestConversation({ flows: builtInFlows({ backend: new MemoryBackend() }) });

const leaves = (o: object, prefix = ""): Array<[string, unknown]> =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === "object" && v !== null ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]],
  );

describe("replies in the language the user writes", () => {
  it("runs a courier request written in Lingala-French to a mission, answering in Lingala, then tracks it", async () => {
    const c = chat();
    const start = await c.send("Mbote, nalingi kotinda colis");
    expect(start.text).toContain("Esika nini livreur akozwa colis ?");
    // Places, amounts and names are neither language: the conversation stays in Lingala.
    expect((await c.send("Marché Total, Poto-Poto")).text).toContain("Esika nini livreur akomema colis ?");
    expect((await c.send("Rond-point Moungali")).text).toContain("Motuya ya colis ezali boni ?");
    expect((await c.send("15000")).text).toContain("Nini ezali na kati ya colis ?");
    expect((await c.send("bilamba mpe mikanda")).text).toContain("Nkombo ya moto akozwa colis ?");
    expect((await c.send("Marie Okemba")).text).toContain("Nimero ya Marie Okemba ezali boni ?");
    const recap = await c.send("06 123 4567");
    expect(recap.text).toContain("🧾 *Bokuse*");
    expect(recap.text).toContain("15 000 FCFA");
    expect(recap.options).toEqual(["courier:confirm", "courier:edit", "cmd:cancel"]);
    const created = await c.send("iyo");
    expect(created.text).toMatch(/Demande etindami ! Référence \*COUR-\d{8}-\d{3}\*/);
    const reference = /COUR-\d{8}-\d{3}/.exec(created.text)?.[0] ?? "";
    const tracked = await c.send(`suivi ${reference}`);
    expect(tracked.text).toContain(`📦 *Suivi ${reference}*`);
    expect(tracked.text).toContain("👤 Moto akozwa : Marie Okemba");
    expect(tracked.text).toContain("Demande ekomi");
  });

  it("greets and shows the menu in Lingala to a customer who says mbote", async () => {
    const turn = await chat().send("Mbote ndeko");
    expect(turn.text).toContain("Boyei malamu na TokTok");
    const menu = turn.replies.find((r) => r.type === "list");
    expect(menu).toMatchObject({ body: "Olingi kosala nini ?", button: "Tala menu" });
    const titles = menu?.type === "list" ? menu.sections.flatMap((s) => s.rows.map((r) => r.title)) : [];
    expect(titles).toContain("📦 Kotinda colis");
    expect(titles).toContain("🔎 Kolanda colis");
  });

  it("keeps the current language on a mixed message, and goes back to French on a clearly French one", async () => {
    const c = chat();
    const mixed = await c.send("Bonjour je veux envoyer un colis na ndeko na ngai");
    expect(mixed.text).toContain("Où faut-il récupérer le colis ?");
    const lingala = await c.send("nazali na Marché Total, Poto-Poto");
    expect(lingala.text).toContain("Esika nini livreur akomema colis ?");
    const stillLingala = await c.send("c'est pour mama na ngai à Bacongo");
    expect(stillLingala.text).toContain("Motuya ya colis ezali boni ?");
    const french = await c.send("je ne sais pas, c'est combien ?");
    expect(french.text).toContain("Je n'ai pas compris le montant");
  });

  it("switches by command, and a chosen language stays whatever the user writes", async () => {
    const c = chat();
    expect((await c.send("/langue ln")).text).toContain("Olingi kosala nini ?");
    const french = await c.send("Bonjour, je veux envoyer un colis");
    expect(french.text).toContain("Esika nini livreur akozwa colis ?");
    expect((await c.send("francais")).text).toContain("Où faut-il récupérer le colis ?");
    expect((await c.send("Mbote, nalingi kotinda colis")).text).not.toContain("Esika nini");
    expect((await c.send("/langue en")).text).toContain("Where should we pick the parcel up?");
    expect((await c.send("lingala")).text).toContain("Esika nini livreur akozwa colis ?");
  });

  it("translates every text of the menu, courier and tracking sections, and keeps French elsewhere", () => {
    const { ln, fr } = catalogues;
    expect(leaves(ln).map(([k]) => k)).toEqual(leaves(fr).map(([k]) => k));
    // Texts that are the same in both languages by nature (brand, emoji, GPS point, progress).
    const same = new Set(["engine.progress", "engine.menuHeader", "engine.buttons.menu", "common.gpsPoint"]);
    const sample = (v: unknown) =>
      typeof v === "function" ? String((v as (...a: unknown[]) => unknown)("X", "Y", 1)) : v;
    for (const section of ["engine", "explain", "common", "courier", "tracking", "missionStatus", "voice"] as const) {
      for (const [key, text] of leaves(ln[section])) {
        const path = `${section}.${key}`;
        if (same.has(path)) continue;
        // Functions of objects (recaps) are called with a record; skip those the sample cannot fill.
        let lnText: unknown;
        let frText: unknown;
        try {
          lnText = sample(text);
          frText = sample(leaves(fr[section]).find(([k]) => k === key)?.[1]);
        } catch {
          continue;
        }
        expect(lnText, path).not.toEqual(frText);
      }
    }
    expect(ln.marketplace.menuTitle).toBe("🛍️ Kosomba");
    expect(ln.marketplace.askPayment).toBe(fr.marketplace.askPayment);
    expect(ln.notify).toBe(fr.notify);
  });
});
