import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fold } from "./fold.js";

const reference = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae");

describe("fold", () => {
  it("strips French accents and ligatures", () => {
    expect(fold("Talangaï")).toBe("talangai");
    expect(fold("MAKÉLÉKÉLÉ")).toBe("makelekele");
    expect(fold("Sœur Angèle à Tié-Tié")).toBe("soeur angele a tie-tie");
    expect(fold("e\u0301te\u0301")).toBe("ete");
  });

  it("agrees with Unicode NFD folding on Latin text", () => {
    const latin = fc.string({ unit: fc.integer({ min: 0x20, max: 0x17f }).map((c) => String.fromCharCode(c)) });
    fc.assert(fc.property(latin, (s) => fold(s) === reference(s).replace(/ß/g, "ss")));
  });
});
