// What the WhatsApp client does on the other side of a Flows data-exchange
// endpoint, per Meta's "Implementing your Flow endpoint" guide: a fresh
// 128-bit AES key and 16-byte IV per request, AES-128-GCM over the JSON with
// the tag appended, the key wrapped with RSA-OAEP (SHA-256) under the
// business's public key; the answer decrypted with the IV's bits flipped.
import {
  constants,
  createCipheriv,
  createDecipheriv,
  generateKeyPairSync,
  publicEncrypt,
  randomBytes,
} from "node:crypto";

export interface FlowKeyPair {
  publicKey: string;
  privateKey: string;
}

/** A 2048-bit RSA key pair in PEM; with a passphrase, the private key is encrypted (AES-256-CBC). */
export function flowKeyPair(passphrase?: string): FlowKeyPair {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding:
      passphrase === undefined
        ? { type: "pkcs8", format: "pem" }
        : { type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase },
  });
}

export interface MetaFlowRequest {
  body: { encrypted_flow_data: string; encrypted_aes_key: string; initial_vector: string };
  aesKey: Buffer;
  iv: Buffer;
}

/** Encrypts `payload` as WhatsApp does before calling the endpoint. */
export function encryptAsMeta(payload: unknown, publicKeyPem: string): MetaFlowRequest {
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
    aesKey,
    iv,
  };
}

/** Decrypts an endpoint's base64 answer as WhatsApp does: same key, IV with every bit flipped, tag at the end. */
export function decryptAsMeta(answer: string, aesKey: Buffer, iv: Buffer): unknown {
  const data = Buffer.from(answer, "base64");
  const flipped = Buffer.from(iv.map((b) => ~b & 0xff));
  const decipher = createDecipheriv("aes-128-gcm", aesKey, flipped);
  decipher.setAuthTag(data.subarray(data.length - 16));
  return JSON.parse(
    Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8"),
  );
}
