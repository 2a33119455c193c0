import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toUserInput } from "../messaging/inbound.js";
import { type Command, detectCommand, normalizeWords } from "./commands.js";

const words: Array<[string, Command]> = [
  ["menu", "menu"],
  ["annuler", "cancel"],
  ["retour", "back"],
  ["aide", "help"],
  ["Annulé", "cancel"],
  ["Menu principal", "menu"],
];

describe("global commands", () => {
  it("normalising never throws and is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const once = normalizeWords(text);
        expect(normalizeWords(once)).toBe(once);
      }),
    );
  });

  it("recognises a command whatever its case, accents, emoji and punctuation", () => {
    const decoration = fc.constantFrom("", "❌ ", "🏠", "↩️ ", "🆘", " !", "...", "  ");
    fc.assert(
      fc.property(
        fc.constantFrom(...words),
        decoration,
        decoration,
        fc.boolean(),
        ([word, command], before, after, upper) => {
          const text = `${before}${upper ? word.toUpperCase() : word}${after}`;
          expect(detectCommand({ kind: "text", text })).toBe(command);
        },
      ),
    );
  });

  it("reads tapped cmd: buttons but not other ids, and no command inside a sentence", () => {
    expect(detectCommand({ kind: "choice", id: "cmd:back", title: "↩️ Retour" })).toBe("back");
    expect(detectCommand({ kind: "choice", id: "cmd:nope", title: "x" })).toBeUndefined();
    expect(detectCommand({ kind: "choice", id: "courier:confirm", title: "Annuler" })).toBeUndefined();
    expect(detectCommand({ kind: "text", text: "le menu du restaurant" })).toBeUndefined();
  });

  it("turns any inbound content into a user input without throwing", () => {
    fc.assert(
      fc.property(
        fc
          .record({ type: fc.string() }, { requiredKeys: ["type"] })
          .chain((base) =>
            fc
              .dictionary(
                fc.constantFrom("text", "replyId", "title", "latitude", "longitude", "mediaId", "payload"),
                fc.anything(),
              )
              .map((extra) => ({ ...extra, ...base })),
          ),
        (content) => {
          const input = toUserInput(content);
          expect(["text", "choice", "location", "media", "other"]).toContain(input.kind);
        },
      ),
    );
  });
});
