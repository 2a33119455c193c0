import { describe, expect, it } from "vitest";
import { renderOutbound } from "./render.ts";
import { parseRole } from "./roles.ts";
import { parseScript, ScriptSyntaxError } from "./script.ts";

describe("parseScript", () => {
  it("reads say and expect lines with their line numbers, skipping comments and blanks", () => {
    expect(parseScript("# intro\n\n> Bonjour\n<  Bienvenue \n")).toEqual([
      { kind: "say", text: "Bonjour", line: 3 },
      { kind: "expect", text: "Bienvenue", line: 4 },
    ]);
  });

  it("keeps ## notes (the tour's explanations) and drops # comments", () => {
    expect(parseScript("## Le client commande\n# not shown\n> /as livreur")).toEqual([
      { kind: "note", text: "Le client commande", line: 1 },
      { kind: "say", text: "/as livreur", line: 3 },
    ]);
  });

  it("names the line of anything else", () => {
    expect(() => parseScript("> ok\nBonjour")).toThrow(ScriptSyntaxError);
    expect(() => parseScript("> ok\n>")).toThrow(/line 2/);
  });
});

describe("renderOutbound", () => {
  it("numbers reply buttons and keeps their ids", () => {
    const r = renderOutbound({
      type: "interactive",
      interactive: {
        type: "button",
        header: { type: "text", text: "Récap" },
        body: { text: "Confirmez-vous ?" },
        footer: { text: "TokTok" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "yes", title: "✅ Confirmer" } },
            { type: "reply", reply: { id: "no", title: "❌ Annuler" } },
          ],
        },
      },
    });
    expect(r.text).toBe("*Récap*\nConfirmez-vous ?\n  1. ✅ Confirmer\n  2. ❌ Annuler\n_TokTok_");
    expect(r.choices).toEqual([
      { kind: "button", id: "yes", title: "✅ Confirmer" },
      { kind: "button", id: "no", title: "❌ Annuler" },
    ]);
  });

  it("numbers list rows across sections", () => {
    const r = renderOutbound({
      type: "interactive",
      interactive: {
        type: "list",
        body: { text: "Que souhaitez-vous faire ?" },
        action: {
          button: "Menu",
          sections: [
            { title: "Services", rows: [{ id: "courier", title: "Colis", description: "Un livreur" }] },
            { title: "Compte", rows: [{ id: "help", title: "Aide" }] },
          ],
        },
      },
    });
    expect(r.choices.map((c) => [c.kind, c.id])).toEqual([
      ["list", "courier"],
      ["list", "help"],
    ]);
    expect(r.text).toContain("  1. Colis — Un livreur");
    expect(r.text).toContain("  2. Aide");
  });

  it("renders a location request, a location, a contact card and a template", () => {
    const ask = renderOutbound({
      type: "interactive",
      interactive: { type: "location_request_message", body: { text: "Où ?" }, action: { name: "send_location" } },
    });
    expect(ask.asksLocation).toBe(true);
    expect(ask.text).toContain("/loc");
    expect(
      renderOutbound({ type: "location", location: { latitude: -4.26, longitude: 15.24, name: "Marché" } }).text,
    ).toBe("📍 Marché (-4.26, 15.24)");
    expect(
      renderOutbound({
        type: "contacts",
        contacts: [{ name: { formatted_name: "Jean Malonga" }, phones: [{ phone: "+242069876543" }] }],
      }).text,
    ).toBe("👤 Jean Malonga +242069876543");
    expect(
      renderOutbound({
        type: "template",
        template: {
          name: "mission_reminder",
          language: { code: "fr" },
          components: [{ type: "body", parameters: [{ type: "text", text: "COUR-1" }] }],
        },
      }).text,
    ).toContain("mission_reminder");
  });
});

describe("parseRole", () => {
  it("reads the French roles and their English aliases, in any case", () => {
    expect(
      ["client", "Customer", "livreur", "DRIVER", "marchand", "merchant", "operateur", "opérateur", "operator"].map(
        parseRole,
      ),
    ).toEqual([
      "client",
      "client",
      "livreur",
      "livreur",
      "marchand",
      "marchand",
      "operateur",
      "operateur",
      "operateur",
    ]);
    expect(parseRole("admin")).toBeUndefined();
  });
});
