import { describe, expect, it } from "vitest";
import { parseAmount } from "./parse-amount.js";

describe("parseAmount", () => {
  it.each([
    ["5000", 5000],
    ["5 000", 5000],
    ["5.000", 5000],
    ["5 000 F", 5000],
    ["7.500 f cfa", 7500],
    ["5k", 5000],
    ["c'est 5k", 5000],
    ["5 K", 5000],
    ["5 mille", 5000],
    ["2,5 millions", 2_500_000],
    ["1,5 million fcfa", 1_500_000],
    ["un million et demi", 1_500_000],
    ["quatre-vingt-dix", 90],
    ["soixante-quinze", 75],
    ["deux mille cinq cents", 2500],
    ["deux mille cinq cents F", 2500],
    ["quinze cents", 1500],
    ["cinq cents", 500],
    ["vingt et un", 21],
    ["quatre-vingts", 80],
    ["quatre vingt dix", 90],
    ["mille", 1000],
    ["soixante et onze mille", 71_000],
    ["septante-cinq", 75],
    ["nonante", 90],
    ["XAF 45000", 45000],
    ["1.000.000 f", 1_000_000],
    ["2,500", 2500],
    ["le prix c'est 12 000 pour 3 sacs", 12000],
    ["3 sacs de 5kg pour 15000", 15000],
    ["le 00242 05 210 33 44 montant 7 500", 7500],
  ])("%s → %d", (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });

  it.each([
    ["06 123 4567", "a phone number"],
    ["00242 05 210 33 44", "a phone number"],
    ["tel 0612345", "a broken phone number"],
    ["12 avenue Matsoua", "a house number"],
    ["n°32 rue Mbaka", "a house number"],
    ["parcelle 45", "a plot number"],
    ["3 sacs", "a quantity"],
    ["2 colis", "a quantity"],
    ["5kg", "a weight"],
    ["5 kg", "a weight"],
    ["10 litres", "a volume"],
    ["à 14h", "a time"],
    ["10:30", "a time"],
    ["le 5e arrondissement", "an ordinal"],
    ["mille mercis", "an expression"],
    ["bonjour", "no number"],
    ["", "nothing"],
  ])("%s is not an amount (%s)", (text) => {
    expect(parseAmount(text)).toBeUndefined();
  });

  it.each([
    ["2 mille 500 francs", 2500],
    ["3 mille 500", 3500],
    ["2mille500", 2500],
    ["2mil500 f", 2500],
    ["10mil", 10_000],
    ["1 million 500 mille", 1_500_000],
    ["2 millions 500 mille FCFA", 2_500_000],
    ["prix 1 million 200 mille 500 f", 1_200_500],
    ["deux mille 500", 2500],
    ["2 mille cinq cents", 2500],
    ["2 mille 5", 2500],
    ["deux mille cinq", 2005],
    ["500 000", 500_000],
    ["500.000", 500_000],
    ["500\u202f000 f", 500_000],
    ["2,5M", 2_500_000],
    ["3M fcfa", 3_000_000],
    ["un demi-million de francs", 500_000],
    ["un quart de million", 250_000],
    ["trois quarts de million", 750_000],
    ["1 million et demi", 1_500_000],
    ["je paye 3 millon", 3_000_000],
    ["7 milles", 7000],
    ["c'est un peu cher, 5000", 5000],
    ["j'ai un billet de 10000", 10_000],
    ["une mille", 1000],
  ])("mixes digits and words: %s → %d", (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });

  it("keeps a quantity or a time after a scale apart from the amount", () => {
    expect(parseAmount("5 mille 2 colis")).toBe(5000);
    expect(parseAmount("5 mille 14h")).toBe(5000);
    expect(parseAmount("2,5m de tissu")).toBeUndefined();
  });

  it("prefers the figure with a currency over other figures", () => {
    expect(parseAmount("2 colis, 3500 f, appeler avant 18h")).toBe(3500);
  });
});
