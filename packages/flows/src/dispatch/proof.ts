import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** How a delivery was proven: the recipient's code, or a photo of the parcel (a WhatsApp media id). */
export type DeliveryProof = { kind: "code" } | { kind: "photo"; mediaId: string };

/**
 * The recipient's 4-digit delivery codes: derived from the mission id with a secret (HMAC-SHA256), so
 * every process finds the same code with nothing stored, and nobody without the secret can guess one
 * from a reference.
 */
export class ProofCodes {
  readonly #secret: Buffer;

  /** @param secret shared by every bot process; a random one (one process only) when absent. */
  constructor(secret?: string) {
    this.#secret = secret === undefined ? randomBytes(32) : Buffer.from(secret, "utf8");
  }

  /** The mission's code, `0000`–`9999`. */
  codeOf(missionId: string): string {
    const n = createHmac("sha256", this.#secret).update(`delivery-code:${missionId}`).digest().readUInt32BE(0);
    return String(n % 10_000).padStart(4, "0");
  }

  /** True when `typed` holds the mission's code (spaces and separators ignored), compared in constant time. */
  check(missionId: string, typed: string): boolean {
    const digits = typed.replace(/\D/g, "");
    if (digits.length !== 4) return false;
    return timingSafeEqual(Buffer.from(digits), Buffer.from(this.codeOf(missionId)));
  }
}
