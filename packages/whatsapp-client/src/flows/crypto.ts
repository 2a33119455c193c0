import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  type KeyObject,
  privateDecrypt,
} from "node:crypto";
import { WhatsAppValidationError } from "../errors.js";
import { FlowEndpointError } from "./errors.js";

// WhatsApp Flows data exchange, as Meta's "Implementing your Flow endpoint"
// guide describes it: the client draws a 128-bit AES key, wraps it with the
// business's RSA public key (OAEP, SHA-256 for the hash and MGF1), and
// encrypts the JSON body with AES-128-GCM, the 16-byte tag appended to the
// ciphertext; all three are base64 in the request. The response is the JSON
// encrypted with the same key and the request's IV with every bit flipped,
// answered as a base64 string.

const TAG_BYTES = 16;
const AES_KEY_BYTES = 16;

/** A data-exchange request as WhatsApp sends it, decrypted. */
export interface FlowRequest {
  /** Data API version, `"3.0"`. */
  version: string;
  /** `ping` (health check), `INIT` (Flow opened), `BACK`, or `data_exchange` (a Footer or on-select action). */
  action: string;
  /** Screen the request comes from (absent on `ping` and `INIT`). */
  screen?: string;
  /** The payload of the action; `error` and `error_message` in an error notification. */
  data?: Record<string, unknown>;
  /** The token given when the Flow message was sent (absent on `ping`). */
  flowToken?: string;
}

/** The decrypted request, and the key and IV its response must be encrypted with. */
export interface DecryptedFlowRequest {
  request: FlowRequest;
  aesKey: Buffer;
  iv: Buffer;
}

/** The answer of the endpoint: the next screen and its data, or data alone (ping, acknowledgements). */
export interface FlowResponse {
  screen?: string;
  data: Record<string, unknown>;
  [key: string]: unknown;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function base64Field(body: Record<string, unknown>, key: string): Buffer {
  const v = body[key];
  if (typeof v !== "string" || v.length === 0 || !BASE64.test(v)) {
    throw new FlowEndpointError("WHATSAPP_FLOW_INVALID_REQUEST", `${key} must be a base64 string`);
  }
  return Buffer.from(v, "base64");
}

/** Loads a PEM private key once; a bad key or passphrase is a validation error that never shows the key. */
export function loadPrivateKey(privateKeyPem: string | KeyObject, passphrase?: string): KeyObject {
  if (typeof privateKeyPem === "object" && privateKeyPem !== null && privateKeyPem.type === "private")
    return privateKeyPem;
  try {
    const key = createPrivateKey(
      passphrase === undefined ? { key: privateKeyPem as string } : { key: privateKeyPem as string, passphrase },
    );
    if (key.asymmetricKeyType !== "rsa") throw new Error("not an RSA key");
    return key;
  } catch {
    throw new WhatsAppValidationError([
      { field: "privateKey", rule: "an RSA private key in PEM (with its passphrase when it is encrypted)" },
    ]);
  }
}

function readRequest(plain: Buffer): FlowRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain.toString("utf8"));
  } catch (cause) {
    throw new FlowEndpointError("WHATSAPP_FLOW_DECRYPT_FAILED", "decrypted Flow data is not JSON", { cause });
  }
  const o = parsed as Record<string, unknown>;
  if (typeof o !== "object" || o === null || Array.isArray(o) || typeof o.action !== "string") {
    throw new FlowEndpointError("WHATSAPP_FLOW_INVALID_REQUEST", "decrypted Flow data has no action");
  }
  const request: FlowRequest = { version: typeof o.version === "string" ? o.version : "", action: o.action };
  if (typeof o.screen === "string" && o.screen !== "") request.screen = o.screen;
  if (typeof o.data === "object" && o.data !== null && !Array.isArray(o.data))
    request.data = o.data as Record<string, unknown>;
  if (typeof o.flow_token === "string") request.flowToken = o.flow_token;
  return request;
}

/**
 * Decrypts a Flows data-exchange request body (`{ encrypted_flow_data,
 * encrypted_aes_key, initial_vector }`). Throws a {@link FlowEndpointError}:
 * `WHATSAPP_FLOW_INVALID_REQUEST` (400) for a body of the wrong shape,
 * `WHATSAPP_FLOW_DECRYPT_FAILED` (421) when the key or data do not decrypt.
 */
export function decryptFlowRequest(
  body: unknown,
  privateKeyPem: string | KeyObject,
  passphrase?: string,
): DecryptedFlowRequest {
  const key = loadPrivateKey(privateKeyPem, passphrase);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new FlowEndpointError("WHATSAPP_FLOW_INVALID_REQUEST", "the body must be a JSON object");
  }
  const b = body as Record<string, unknown>;
  const wrappedKey = base64Field(b, "encrypted_aes_key");
  const data = base64Field(b, "encrypted_flow_data");
  const iv = base64Field(b, "initial_vector");
  if (data.length <= TAG_BYTES)
    throw new FlowEndpointError("WHATSAPP_FLOW_DECRYPT_FAILED", "encrypted_flow_data is too short");
  let aesKey: Buffer;
  try {
    aesKey = privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, wrappedKey);
  } catch (cause) {
    throw new FlowEndpointError("WHATSAPP_FLOW_DECRYPT_FAILED", "the AES key does not decrypt with this private key", {
      cause,
    });
  }
  if (aesKey.length !== AES_KEY_BYTES)
    throw new FlowEndpointError("WHATSAPP_FLOW_DECRYPT_FAILED", "the AES key is not 128 bits");
  let plain: Buffer;
  try {
    const decipher = createDecipheriv("aes-128-gcm", aesKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    plain = Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]);
  } catch (cause) {
    throw new FlowEndpointError("WHATSAPP_FLOW_DECRYPT_FAILED", "encrypted_flow_data does not decrypt", { cause });
  }
  return { request: readRequest(plain), aesKey, iv };
}

/** Encrypts an endpoint response with the request's key and flipped IV; returns the base64 body to answer. */
export function encryptFlowResponse(response: unknown, aesKey: Uint8Array, iv: Uint8Array): string {
  const flipped = Buffer.from(iv).map((byte) => ~byte & 0xff);
  const cipher = createCipheriv("aes-128-gcm", aesKey, flipped, { authTagLength: TAG_BYTES });
  const json = JSON.stringify(response);
  return Buffer.concat([cipher.update(json, "utf8"), cipher.final(), cipher.getAuthTag()]).toString("base64");
}
