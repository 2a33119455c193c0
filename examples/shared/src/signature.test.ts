import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSignature, SIGNATURE_HEADER, signEvent, TIMESTAMP_HEADER } from "./signature.ts";

const SECRET = "a-shared-secret-of-some-length";
const now = 1_763_719_200_000;
const check = (body: Uint8Array, headers: Record<string, string>, secret = SECRET) =>
  checkSignature(
    secret,
    body,
    { signature: headers[SIGNATURE_HEADER], timestamp: headers[TIMESTAMP_HEADER] },
    { toleranceSeconds: 300, nowMs: now },
  );

describe("event signature", () => {
  it("accepts what signEvent signed, for any body", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (body) => {
        expect(check(body, signEvent(SECRET, body, now / 1000))).toBeUndefined();
      }),
    );
  });

  it("refuses any changed byte, another secret, or another timestamp", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (body, i, delta) => {
          const headers = signEvent(SECRET, body, now / 1000);
          const changed = Uint8Array.from(body);
          const at = i % changed.length;
          changed[at] = ((changed[at] ?? 0) + delta) % 256;
          expect(check(changed, headers)).toBe("mismatch");
          expect(check(body, headers, `${SECRET}x`)).toBe("mismatch");
          expect(check(body, { ...headers, [TIMESTAMP_HEADER]: String(now / 1000 + 1) })).toBe("mismatch");
        },
      ),
    );
  });

  it("tells missing, malformed and expired apart", () => {
    const body = new TextEncoder().encode("{}");
    const headers = signEvent(SECRET, body, now / 1000);
    expect(check(body, {})).toBe("missing");
    expect(check(body, { ...headers, [SIGNATURE_HEADER]: "md5=abc" })).toBe("malformed");
    expect(check(body, { ...headers, [TIMESTAMP_HEADER]: "yesterday" })).toBe("malformed");
    expect(check(body, signEvent(SECRET, body, now / 1000 - 301))).toBe("expired");
    expect(check(body, signEvent(SECRET, body, now / 1000 + 299))).toBeUndefined();
  });
});
