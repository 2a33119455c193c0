import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { identifyWith } from "../flows/auth/auth-flow.js";
import { builtInFlows } from "../flows/built-in.js";
import { createTestConversation, type TurnTranscript } from "../testing/test-conversation.js";

const words = [
  "menu",
  "annuler",
  "retour",
  "aide",
  "oui",
  "non",
  "bonjour",
  "je veux envoyer un colis",
  "je veux commander à manger",
  "suivi COUR-20261121-001",
  "Poto-Poto",
  "15000",
  "06 123 4567",
  "Marie",
  "english",
  "français",
  "",
  "🙂",
];

type Action =
  | { kind: "text"; text: string }
  | { kind: "tap"; pick: number }
  | { kind: "location"; lat: number; lng: number }
  | { kind: "wait"; minutes: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constantFrom(...words).map((text) => ({ kind: "text" as const, text })),
  fc.string({ maxLength: 40 }).map((text) => ({ kind: "text" as const, text })),
  fc.nat(20).map((pick) => ({ kind: "tap" as const, pick })),
  fc
    .tuple(fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }))
    .map(([lat, lng]) => ({ kind: "location" as const, lat, lng })),
  fc.constantFrom(5, 31, 120).map((minutes) => ({ kind: "wait" as const, minutes })),
);

describe("engine robustness", () => {
  it("answers every message of any conversation through the built-in flows", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 15 }), async (actions) => {
        const backend = new MemoryBackend();
        const chat = createTestConversation({
          flows: builtInFlows({ backend, marketplaceBasket: true }),
          authFlow: "auth",
          identify: identifyWith(backend),
        });
        let last: TurnTranscript | undefined;
        for (const a of actions) {
          if (a.kind === "wait") {
            chat.advance(a.minutes * 60_000);
            continue;
          }
          if (a.kind === "tap") {
            const offered = last?.options ?? [];
            if (offered.length === 0) continue;
            last = await chat.tap(offered[a.pick % offered.length] ?? "");
          } else if (a.kind === "location") last = await chat.shareLocation(a.lat, a.lng);
          else last = await chat.send(a.text);
          expect(last.status).toBe("handled");
          expect(last.replies.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 40 },
    );
  });
});
