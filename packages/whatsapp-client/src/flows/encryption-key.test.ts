import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { WhatsAppValidationError } from "../errors.js";
import { flowKeyPair } from "../test-support/flow-client.js";
import { useGraphClients } from "../test-support/graph-clients.js";
import { json } from "../test-support/graph-server.js";

// Registering the Flows public key on the number: multipart
// `business_public_key` on /{phone-number-id}/whatsapp_business_encryption.

const graph = useGraphClients("test-token");

describe("business public key", () => {
  it("uploads the PEM as multipart business_public_key, and reads it back with Meta's signature status", async () => {
    const wa = graph.client();
    const { publicKey } = flowKeyPair();
    graph.server.queue.push(json(200, { success: true }));
    await expect(wa.setBusinessPublicKey(publicKey)).resolves.toEqual({ success: true });
    const req = graph.server.requests.at(-1);
    expect(req).toMatchObject({ method: "POST", url: "/v23.0/1234567890/whatsapp_business_encryption" });
    expect(req?.headers["content-type"]).toMatch(/^multipart\/form-data/);
    // FormData sends text fields with CRLF line breaks (the HTML form rule); a PEM reader takes either.
    const body = req?.body.toString("utf8").replaceAll("\r\n", "\n") ?? "";
    expect(body).toContain(`name="business_public_key"\n\n${publicKey}`);
    graph.server.queue.push(
      json(200, { data: [{ business_public_key: publicKey, business_public_key_signature_status: "VALID" }] }),
      json(200, { data: [{ business_public_key: " ", business_public_key_signature_status: "MISMATCH" }] }),
    );
    await expect(wa.getBusinessPublicKey()).resolves.toEqual({ publicKey, signatureStatus: "VALID" });
    await expect(wa.getBusinessPublicKey()).resolves.toEqual({ publicKey: undefined, signatureStatus: "MISMATCH" });
  });

  it("refuses what WhatsApp cannot use (not PEM, a private key's text, a small or non-RSA key), before any request", async () => {
    const wa = graph.client();
    const small = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" });
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" });
    for (const bad of ["not a key", small.toString(), ec.toString(), 42 as never]) {
      const e = (await wa.setBusinessPublicKey(bad).catch((x: unknown) => x)) as WhatsAppValidationError;
      expect(WhatsAppValidationError.isInstance(e)).toBe(true);
      expect(e.field).toBe("publicKey");
    }
    expect(graph.server.requests).toHaveLength(0);
  });
});
