import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FlowsValidationError } from "../errors.js";
import { bot, CLIENT, DRIVER } from "../test-support/built-in-bot.js";
import { decodePayload, encodePayload, payloadKinds, payloadValue } from "./payloads.js";

describe("button payload codec", () => {
  it("round-trips typed values, numbers included", () => {
    expect(encodePayload("accept", "M-1042")).toBe("accept:M-1042");
    expect(decodePayload("accept:M-1042")).toEqual({ ok: true, payload: { kind: "accept", value: "M-1042" } });
    expect(decodePayload(encodePayload("qty", 3))).toEqual({ ok: true, payload: { kind: "qty", value: 3 } });
    expect(payloadValue("cmd:cancel", "cmd")).toBe("cancel");
    // Only the first colon separates: a value may hold more.
    expect(payloadValue("track:COUR:1", "track")).toBe("COUR:1");
  });

  it("says why an id is not one of ours", () => {
    expect(decodePayload("nonsense")).toEqual({ ok: false, reason: "malformed" });
    expect(decodePayload("hack:1")).toEqual({ ok: false, reason: "unknown_kind" });
    expect(decodePayload("cmd:reboot")).toEqual({ ok: false, reason: "invalid_value" });
    expect(decodePayload("qty:0")).toEqual({ ok: false, reason: "invalid_value" });
    expect(decodePayload("status:pending")).toEqual({ ok: false, reason: "invalid_value" });
    expect(decodePayload("constructor:x")).toEqual({ ok: false, reason: "unknown_kind" });
    expect(decodePayload(42)).toEqual({ ok: false, reason: "malformed" });
    // The kind asked for must match.
    expect(payloadValue("mission:M-1", "accept")).toBeUndefined();
  });

  it("refuses to build an id WhatsApp would hand back unreadable", () => {
    expect(() => encodePayload("shop", " spaced ")).toThrow(FlowsValidationError);
    expect(() => encodePayload("qty", 120)).toThrow(/payload.qty/);
  });

  it("never throws on any id, and whatever decodes re-encodes to the same id", () => {
    const kinds = fc.constantFrom(...payloadKinds, "x", "");
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.tuple(kinds, fc.string()).map(([k, v]) => `${k}:${v}`),
        ),
        (id) => {
          const decoded = decodePayload(id);
          if (decoded.ok) {
            const { kind, value } = decoded.payload;
            expect(encodePayload(kind, value as never)).toBe(kind === "qty" ? `qty:${Number(id.slice(4))}` : id);
          }
        },
      ),
    );
  });
});

describe("payloads coming back to the flows", () => {
  async function driverOnMission() {
    const { backend, chat } = bot();
    const mission = (n: string) =>
      backend.missions.create({
        clientPhone: CLIENT,
        pickup: { address: "Poto-Poto" },
        destination: { address: `Bacongo ${n}` },
        parcelValue: 5000,
        description: "documents",
        recipient: { name: "Marie", phone: "+242069876543" },
      });
    const first = await mission("1");
    const second = await mission("2");
    await backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
    const driver = chat.as(DRIVER);
    await driver.send("menu");
    await driver.tap("flow:driver");
    const details = await driver.tap(`mission:${second.id}`);
    return { backend, driver, first, second, details };
  }

  it("the accept button names its mission", async () => {
    const { details, second } = await driverOnMission();
    expect(details.options).toEqual([`accept:${second.id}`, "driver:other"]);
  });

  it("answers a stale accept (another mission's button) with a clear message and accepts nothing", async () => {
    const { backend, driver, first } = await driverOnMission();
    const stale = await driver.deliver({ type: "button_reply", replyId: `accept:${first.id}`, title: "Accepter" });
    expect(stale.status).toBe("handled");
    expect(stale.text).toMatch(/bouton|option|choisi/i);
    expect((await backend.missions.get(first.id))?.status).toBe("pending");
  });

  it("answers a forged id with a clear message, never an error", async () => {
    const { driver } = await driverOnMission();
    for (const replyId of ["accept:", "status:../../etc", "💥", "driver:self-destruct"]) {
      const turn = await driver.deliver({ type: "button_reply", replyId, title: "?" });
      expect(turn.status).toBe("handled");
      expect(turn.text).not.toMatch(/erreur|error/i);
      expect(turn.text.length).toBeGreaterThan(0);
    }
  });
});
