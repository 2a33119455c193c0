import { createPublicKey } from "node:crypto";
import { FormData } from "undici";
import type { CallOptions } from "../client/transport.js";
import { WhatsAppValidationError } from "../errors.js";
import { getFirst, postForm } from "../management/graph-calls.js";
import { type GraphContext, successOf } from "../management/graph-context.js";

// The public half of the Flows key pair is registered on the business number
// (POST /{phone-number-id}/whatsapp_business_encryption, multipart, as the
// v23.0 description and Meta's endpoint guide say); WhatsApp encrypts every
// data-exchange request's AES key with it. Meta asks for a 2048-bit RSA key.

/** The public key registered on the number, and whether Meta could check its signature. */
export interface BusinessPublicKey {
  /** PEM, or `undefined` when none is registered. */
  publicKey: string | undefined;
  /** `VALID` or `MISMATCH` (re-upload the key). */
  signatureStatus: string | undefined;
}

function publicPem(value: unknown): string {
  try {
    if (typeof value !== "string") throw new TypeError("not a string");
    const key = createPublicKey(value);
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (key.asymmetricKeyType !== "rsa" || bits < 2048) throw new Error("not a 2048-bit RSA key");
    return key.export({ type: "spki", format: "pem" }).toString();
  } catch {
    throw new WhatsAppValidationError([{ field: "publicKey", rule: "a 2048-bit RSA public key in PEM" }]);
  }
}

export async function setBusinessPublicKey(
  ctx: GraphContext,
  publicKey: string,
  options: CallOptions = {},
): Promise<{ success: boolean }> {
  const form = new FormData();
  form.set("business_public_key", publicPem(publicKey));
  // Registering the same key twice leaves the same key: safe to repeat.
  const path = `/${ctx.phoneNumberId}/whatsapp_business_encryption`;
  return successOf(await postForm(ctx, path, form, options));
}

export async function getBusinessPublicKey(ctx: GraphContext, options: CallOptions = {}): Promise<BusinessPublicKey> {
  const path = `/${ctx.phoneNumberId}/whatsapp_business_encryption`;
  const first = await getFirst(ctx, path, options);
  const key = first?.business_public_key;
  const status = first?.business_public_key_signature_status;
  return {
    publicKey: typeof key === "string" && key.trim() !== "" ? key : undefined,
    signatureStatus: typeof status === "string" ? status : undefined,
  };
}
