// WhatsApp's side of a Flows data-exchange endpoint, per Meta's "Implementing your Flow endpoint":
// a fresh 128-bit AES key and 16-byte IV per request, AES-128-GCM over the JSON with the tag
// appended, the key wrapped with RSA-OAEP (SHA-256) under the business's public key; the answer is
// decrypted with the same key and the IV's bits flipped. The opposite of flows/crypto.ts, written
// independently of it so that a test of the endpoint does not grade the endpoint's code with itself.
import {
  constants,
  createCipheriv,
  createDecipheriv,
  generateKeyPairSync,
  publicEncrypt,
  randomBytes,
} from "node:crypto";

/** An RSA key pair in PEM, as a business uploads the public half with `setFlowsEncryptionKey`. */
export interface FlowKeyPair {
  /** SPKI PEM. */
  publicKey: string;
  /** PKCS#8 PEM, encrypted (AES-256-CBC) when a passphrase was given. */
  privateKey: string;
}

/**
 * A fresh 2048-bit RSA key pair for an endpoint under test; with `passphrase`, the private key is
 * encrypted with it (give the same passphrase to `createFlowEndpointHandler`).
 */
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

/** The JSON body WhatsApp posts to a Flow endpoint. */
export interface SealedFlowBody {
  encrypted_flow_data: string;
  encrypted_aes_key: string;
  initial_vector: string;
}

/** An encrypted request as WhatsApp posts it, and what is needed to read the endpoint's answer. */
export interface SealedFlowRequest {
  /** Post this as JSON to the endpoint. */
  body: SealedFlowBody;
  /** The request's AES key (for {@link openFlowResponse}). */
  aesKey: Buffer;
  /** The request's IV (for {@link openFlowResponse}). */
  iv: Buffer;
  /** Decrypts the endpoint's base64 answer to this request and parses its JSON. */
  open(answer: string): unknown;
}

/**
 * Encrypts `payload` (e.g. `{ version: "3.0", action: "ping" }`) for the endpoint whose public key is
 * `publicKeyPem`, as WhatsApp does.
 * @example
 * const keys = flowKeyPair();
 * const sealed = sealFlowRequest({ version: "3.0", action: "ping" }, keys.publicKey);
 * const res = await fetch(endpointUrl, { method: "POST", body: JSON.stringify(sealed.body) });
 * sealed.open(await res.text()); // { data: { status: "active" } }
 */
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
    aesKey,
    iv,
    open: (answer) => openFlowResponse(answer, aesKey, iv),
  };
}

/** Decrypts an endpoint's base64 answer as WhatsApp does (same key, IV with every bit flipped, tag at the end). */
export function openFlowResponse(answer: string, aesKey: Uint8Array, iv: Uint8Array): unknown {
  const data = Buffer.from(answer, "base64");
  const flipped = Buffer.from(iv).map((b) => ~b & 0xff);
  const decipher = createDecipheriv("aes-128-gcm", aesKey, flipped);
  decipher.setAuthTag(data.subarray(data.length - 16));
  return JSON.parse(
    Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8"),
  );
}
