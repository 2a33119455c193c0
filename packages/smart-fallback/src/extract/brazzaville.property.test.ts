import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAmount } from "../amount/parse-amount.js";
import {
  courierSentence,
  writtenAmount,
  writtenPhone,
  writtenPlace,
  writtenRecipient,
} from "./brazzaville-writings.test-helper.js";
import { extractDeliveryDetails } from "./extract-delivery-details.js";

// The normal suite runs 2 000 cases per property; a release check asks for more (10 000 take about 2 s here):
// SMART_FALLBACK_PROPERTY_RUNS=10000 pnpm vitest run packages/smart-fallback/src/extract/brazzaville.property.test.ts
const numRuns = Number(process.env.SMART_FALLBACK_PROPERTY_RUNS ?? 2000);
const order = fc.infiniteStream(fc.nat());

describe("messages written the way Brazzaville types them", () => {
  it("gives back the exact amount, however it is written (digits, words, mixed, shorthands, currencies, typos)", () => {
    fc.assert(
      fc.property(writtenAmount, (amount) => {
        expect(parseAmount(amount.text), amount.text).toBe(amount.value);
      }),
      { numRuns },
    );
  });

  it("gives back the exact amount, phone and place of a courier request that holds them", () => {
    fc.assert(
      fc.property(writtenAmount, writtenPhone, writtenPlace, order, (amount, phone, place, stream) => {
        const it = stream[Symbol.iterator]();
        const pick = (k: number) => (it.next().value as number) % k;
        const text = courierSentence(pick, { amount: amount.text, phone: phone.text, place: place.text });
        const got = extractDeliveryDetails(text);
        expect({ amount: got.amount, phone: got.phone, address: got.address }, text).toEqual({
          amount: amount.value,
          phone: phone.value,
          address: place.value,
        });
      }),
      { numRuns },
    );
  });

  it("gives back the recipient after a title, a kinship word or a Lingala introducer, in any case, with the other fields", () => {
    fc.assert(
      fc.property(
        writtenRecipient,
        writtenAmount,
        writtenPhone,
        writtenPlace,
        order,
        (recipient, amount, phone, place, stream) => {
          const it = stream[Symbol.iterator]();
          const pick = (k: number) => (it.next().value as number) % k;
          const text = courierSentence(pick, {
            amount: amount.text,
            phone: phone.text,
            place: place.text,
            recipient: recipient.text,
          });
          const got = extractDeliveryDetails(text);
          expect(
            { recipientName: got.recipientName, amount: got.amount, phone: got.phone, address: got.address },
            text,
          ).toEqual({ recipientName: recipient.value, amount: amount.value, phone: phone.value, address: place.value });
        },
      ),
      { numRuns },
    );
  });
});
