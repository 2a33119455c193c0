import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WebhookError } from "../errors.js";
import { fixture, metaBody, sign } from "../test-support/webhook-fixtures.js";
import { parseWebhookPayload } from "./parse.js";
import { verifySignature, verifySubscription } from "./verify.js";

const SECRET = "app-secret-0123456789";

describe("verifySignature", () => {
  it("accepts Meta's escaped-unicode body with accented text, and rejects it re-serialised", () => {
    const raw = metaBody(fixture("accented-text"));
    expect(raw).toMatch(/D\\u00e9part/);
    const header = sign(raw, SECRET);
    expect(verifySignature(raw, header, SECRET)).toBe(true);
    expect(verifySignature(Buffer.from(raw), header, SECRET)).toBe(true);
    expect(verifySignature(new TextEncoder().encode(raw).buffer, header, SECRET)).toBe(true);
    // What a framework's JSON body parser + JSON.stringify gives back: same data, other bytes.
    const reserialised = JSON.stringify(JSON.parse(raw));
    expect(JSON.parse(reserialised)).toEqual(JSON.parse(raw));
    expect(verifySignature(reserialised, header, SECRET)).toBe(false);
  });

  it("rejects a wrong secret, a tampered body and malformed headers", () => {
    const raw = metaBody(fixture("message-text"));
    const header = sign(raw, SECRET);
    expect(verifySignature(raw, header, "other-secret")).toBe(false);
    expect(verifySignature(raw.replace("Bonjour", "Bonsoir"), header, SECRET)).toBe(false);
    expect(verifySignature(raw, header.toUpperCase().replace("SHA256", "sha256"), SECRET)).toBe(true);
    for (const bad of [
      undefined,
      null,
      "",
      "sha256=",
      "sha1=abc",
      `sha256=${"z".repeat(64)}`,
      header.slice(0, -2),
      `${header}00`,
    ]) {
      expect(verifySignature(raw, bad, SECRET)).toBe(false);
    }
    expect(verifySignature(raw, header, "")).toBe(false);
  });

  it("property: never throws, whatever the inputs", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (body, header, secret) => {
        expect(typeof verifySignature(body as string, header as string, secret as string)).toBe("boolean");
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array(), fc.string(), (body, secret) => {
        fc.pre(secret.length > 0);
        expect(verifySignature(body, sign(body, secret), secret)).toBe(true);
      }),
    );
  });
});

describe("verifySubscription", () => {
  it("returns the challenge when mode and token match", () => {
    const q = new URLSearchParams({
      "hub.mode": "subscribe",
      "hub.verify_token": "tok",
      "hub.challenge": "1158201444",
    });
    expect(verifySubscription(q, "tok")).toBe("1158201444");
    expect(
      verifySubscription({ "hub.mode": "subscribe", "hub.verify_token": "tok", "hub.challenge": "42" }, "tok"),
    ).toBe("42");
  });

  it.each([
    [{ "hub.mode": "unsubscribe", "hub.verify_token": "tok", "hub.challenge": "1" }, /mode/],
    [{ "hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1" }, /verify_token/],
    [{ "hub.mode": "subscribe", "hub.verify_token": "tok" }, /challenge/],
  ])("throws a typed error otherwise (%o)", (query, rule) => {
    expect(() => verifySubscription(query, "tok")).toThrow(rule);
    expect(() => verifySubscription(query, "tok")).toThrow(WebhookError);
  });
});

describe("parseWebhookPayload never crashes", () => {
  const allowed = (run: () => unknown) => {
    try {
      const events = run();
      expect(Array.isArray(events)).toBe(true);
    } catch (e) {
      expect(WebhookError.isInstance(e), String(e)).toBe(true);
    }
  };

  it("property: arbitrary JSON values and strings raise only WebhookError", () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => allowed(() => parseWebhookPayload(v))));
    fc.assert(fc.property(fc.string(), (s) => allowed(() => parseWebhookPayload(s))));
    fc.assert(fc.property(fc.anything(), (v) => allowed(() => parseWebhookPayload(v))));
  });

  it("property: real deliveries with any field replaced by junk raise only WebhookError", () => {
    const names = [
      "multi-entry",
      "message-order",
      "message-contacts",
      "status-failed",
      "message-interactive-nfm-reply",
      "value-errors",
    ];
    const paths = (v: unknown, prefix: string[] = []): string[][] =>
      typeof v === "object" && v !== null
        ? Object.entries(v).flatMap(([k, c]) => [[...prefix, k], ...paths(c, [...prefix, k])])
        : [];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.nat(), fc.jsonValue(), (name, pick, junk) => {
        const payload = fixture(name);
        const all = paths(payload);
        const path = all[pick % all.length] as string[];
        let node = payload as Record<string, unknown>;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
        node[path.at(-1) as string] = junk;
        allowed(() => parseWebhookPayload(payload));
      }),
      { numRuns: 500 },
    );
  });
});
