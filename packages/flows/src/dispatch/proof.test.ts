import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProofCodes } from "./proof.js";

describe("ProofCodes", () => {
  it("gives every process with the same secret the same 4-digit code, and another secret another", () => {
    const a = new ProofCodes("a-secret-of-16-chars+");
    const b = new ProofCodes("a-secret-of-16-chars+");
    const other = new ProofCodes("another-secret-16-chars");
    const ids = Array.from({ length: 50 }, (_, i) => `mission-${i}`);
    expect(ids.map((id) => a.codeOf(id))).toEqual(ids.map((id) => b.codeOf(id)));
    expect(ids.map((id) => a.codeOf(id))).not.toEqual(ids.map((id) => other.codeOf(id)));
    for (const id of ids) expect(a.codeOf(id)).toMatch(/^\d{4}$/);
  });

  it("accepts the code typed with spaces, refuses any other text, and never throws", () => {
    const codes = new ProofCodes("a-secret-of-16-chars+");
    const code = codes.codeOf("m-1");
    expect(codes.check("m-1", ` ${code.slice(0, 2)} ${code.slice(2)} `)).toBe(true);
    fc.assert(
      fc.property(fc.string(), (typed) => {
        const ok = codes.check("m-1", typed);
        expect(ok).toBe(typed.replace(/\D/g, "") === code);
      }),
    );
  });
});
