import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WhatsAppValidationError } from "../errors.js";
import { decryptAsMeta, encryptAsMeta, flowKeyPair } from "../test-support/flow-client.js";
import { decryptFlowRequest, encryptFlowResponse } from "./crypto.js";
import { FlowEndpointError } from "./errors.js";

const keys = flowKeyPair();
const other = flowKeyPair();

const request = {
  version: "3.0",
  action: "data_exchange",
  screen: "PICKUP",
  data: { pickup: "Marché Total, Bacongo", value: 15000 },
  flow_token: "course:242061234567:1",
};

describe("decryptFlowRequest / encryptFlowResponse", () => {
  it("decrypts what the WhatsApp client encrypts, and the client decrypts the answer", () => {
    const sent = encryptAsMeta(request, keys.publicKey);
    const { request: got, aesKey, iv } = decryptFlowRequest(sent.body, keys.privateKey);
    expect(got).toEqual({
      version: "3.0",
      action: "data_exchange",
      screen: "PICKUP",
      data: { pickup: "Marché Total, Bacongo", value: 15000 },
      flowToken: "course:242061234567:1",
    });
    expect(aesKey.equals(sent.aesKey)).toBe(true);
    expect(iv.equals(sent.iv)).toBe(true);
    const answer = encryptFlowResponse({ screen: "DESTINATION", data: { pickup: "Bacongo" } }, aesKey, iv);
    expect(answer).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(decryptAsMeta(answer, sent.aesKey, sent.iv)).toEqual({ screen: "DESTINATION", data: { pickup: "Bacongo" } });
  });

  it("encrypts the answer under the flipped IV, not the request's", () => {
    const sent = encryptAsMeta(request, keys.publicKey);
    const answer = encryptFlowResponse({ data: { ok: true } }, sent.aesKey, sent.iv);
    // Decrypting with the IV as sent fails authentication: the IV really is flipped.
    expect(() => decryptAsMeta(answer, sent.aesKey, Buffer.from(sent.iv.map((b) => ~b & 0xff)))).toThrow();
  });

  it("reads a passphrase-protected key, and names the key (never its content) when it cannot", () => {
    const locked = flowKeyPair("s3cret-pass");
    const sent = encryptAsMeta({ version: "3.0", action: "ping" }, locked.publicKey);
    expect(decryptFlowRequest(sent.body, locked.privateKey, "s3cret-pass").request.action).toBe("ping");
    const e = (() => {
      try {
        decryptFlowRequest(sent.body, locked.privateKey, "wrong");
      } catch (x) {
        return x as WhatsAppValidationError;
      }
    })();
    expect(WhatsAppValidationError.isInstance(e)).toBe(true);
    expect(e?.field).toBe("privateKey");
    expect(e?.message).not.toContain("PRIVATE KEY");
  });

  it("maps a request for another key, or tampered data, to 421 (the client re-downloads the public key)", () => {
    const forOther = encryptAsMeta(request, other.publicKey);
    const e1 = catchError(() => decryptFlowRequest(forOther.body, keys.privateKey));
    expect(FlowEndpointError.isInstance(e1) && e1.code).toBe("WHATSAPP_FLOW_DECRYPT_FAILED");
    expect((e1 as FlowEndpointError).status).toBe(421);
    const sent = encryptAsMeta(request, keys.publicKey);
    const data = Buffer.from(sent.body.encrypted_flow_data, "base64");
    data[0] = (data[0] as number) ^ 1;
    const e2 = catchError(() =>
      decryptFlowRequest({ ...sent.body, encrypted_flow_data: data.toString("base64") }, keys.privateKey),
    );
    expect((e2 as FlowEndpointError).status).toBe(421);
  });

  it("answers a body of the wrong shape with 400, whatever it is", () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const e = catchError(() => decryptFlowRequest(junk, keys.privateKey));
        expect(FlowEndpointError.isInstance(e), String(e)).toBe(true);
        expect([400, 421]).toContain((e as FlowEndpointError).status);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(
        fc.base64String({ minLength: 4 }),
        fc.base64String({ minLength: 4 }),
        fc.base64String({ minLength: 4 }),
        (a, b, c) => {
          const e = catchError(() =>
            decryptFlowRequest({ encrypted_aes_key: a, encrypted_flow_data: b, initial_vector: c }, keys.privateKey),
          );
          expect(FlowEndpointError.isInstance(e), String(e)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}
