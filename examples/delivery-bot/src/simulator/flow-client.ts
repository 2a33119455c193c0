// WhatsApp's side of a Flows data-exchange endpoint, for the bot's tests, per Meta's "Implementing
// your Flow endpoint": a fresh AES-128 key and 16-byte IV per request, AES-GCM over the JSON (tag
// appended), the key wrapped with RSA-OAEP-SHA256 under the business's public key; the answer is
// decrypted with the IV's bits flipped. (The package's own copy is internal to its tests.)
import { constants, createCipheriv, createDecipheriv, publicEncrypt, randomBytes } from "node:crypto";

/** An encrypted request as WhatsApp posts it, and what it needs to read the answer. */
export interface SealedFlowRequest {
  body: { encrypted_flow_data: string; encrypted_aes_key: string; initial_vector: string };
  open(answer: string): unknown;
}

/** Encrypts `payload` for the endpoint whose public key is `publicKeyPem`, as WhatsApp does. */
export function sealFlowRequest(payload: unknown, publicKeyPem: string): SealedFlowRequest {
  const aesKey = randomBytes(16);
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-128-gcm", aesKey, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(payload), "utf8"), cipher.final(), cipher.getAuthTag()]);
  const wrapped = publicEncrypt(
    { key: publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" },
    aesKey,
  );
  return {
    body: {
      encrypted_flow_data: data.toString("base64"),
      encrypted_aes_key: wrapped.toString("base64"),
      initial_vector: iv.toString("base64"),
    },
    open(answer) {
      const sealed = Buffer.from(answer, "base64");
      const decipher = createDecipheriv("aes-128-gcm", aesKey, Buffer.from(iv.map((b) => ~b & 0xff)));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
      return JSON.parse(plain.toString("utf8"));
    },
  };
}
