import { describe, expect, it } from "vitest";
import { demoPhone } from "./phone.ts";

const prompt = (msisdn: string, amount: number) => ({ id: "p1", msisdn, amount, currency: "XAF", message: "Commande" });

describe("the demo customer's phone", () => {
  it("accepts a payment from an ordinary number, up to 100 000 FCFA", async () => {
    expect(await demoPhone(prompt("242061234567", 8000))).toBe("accept");
    expect(await demoPhone(prompt("055123456", 100_000))).toBe("accept");
  });

  it("refuses from a number ending in 99, whatever the amount", async () => {
    expect(await demoPhone(prompt("242069999999", 4500))).toBe("refuse");
    expect(await demoPhone(prompt("242069999999", 250_000))).toBe("refuse");
    expect(await demoPhone(prompt("242061234599", 4500))).toBe("refuse");
  });

  it("has not enough funds above 100 000 FCFA", async () => {
    expect(await demoPhone(prompt("242061234567", 100_001))).toBe("insufficient_funds");
  });
});
