import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { messageExamples, SPEC_PATH, specErrors } from "./openapi.js";

describe("vendored OpenAPI description", () => {
  it("is Meta's file byte for byte (sha256 in __fixtures__/openapi/README.md): fixes live in openapi.ts", () => {
    const sha256 = createHash("sha256").update(readFileSync(SPEC_PATH)).digest("hex");
    expect(sha256).toBe("c7148d5e2aeff32f2effc3d3557795d7eddd07abf8b017c9e40e86bb3312c116");
  });
});

// Guards the fixed-up schema itself: it must accept Meta's own valid examples
// and still reject broken bodies, or the outbound-body tests prove nothing.
describe("fixed-up OpenAPI schema", () => {
  it("accepts Meta's text, media, interactive and template examples", () => {
    for (const name of [
      "Send Text Message",
      "Send Image Message by ID",
      "Send Reply Button",
      "Send List Message",
      "Send Reply with Reaction Message",
      "Send Message Template Media",
    ]) {
      const example = messageExamples[name];
      expect(example, name).toBeDefined();
      const body: Record<string, unknown> = { recipient_type: "individual", ...example };
      if (body.type === "template")
        (body.template as { language: Record<string, string> }).language.policy = "deterministic";
      expect(specErrors("Message", body), name).toEqual([]);
    }
  });

  it("rejects a body with an unknown field, a too long title or a missing part", () => {
    const base = { messaging_product: "whatsapp", recipient_type: "individual", to: "242061234567" };
    expect(specErrors("Message", { ...base, type: "text", text: { body: "x" }, bogus: 1 })).not.toEqual([]);
    expect(specErrors("Message", { ...base, type: "text" })).not.toEqual([]);
    const button = { type: "reply", reply: { id: "a", title: "x".repeat(21) } };
    const interactive = { type: "button", body: { text: "b" }, action: { buttons: [button] } };
    expect(specErrors("Message", { ...base, type: "interactive", interactive })).not.toEqual([]);
  });
});
