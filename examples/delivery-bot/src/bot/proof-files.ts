import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ProofPhoto, ProofStore, StoredProof } from "@toktok/flows";

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
};

/** A name safe in any file system: letters, digits, dash, dot and underscore only. */
const safe = (s: string) => s.replace(/[^\w.-]/g, "_");

/**
 * Delivery photos on the bot's disk (`PROOF_DIR`): `<reference>-<mediaId>.<ext>` for the photo and
 * `<missionId>.json` for where it is, both written to a temporary name first and renamed, so a crash never
 * leaves half a photo behind a record. Mount the directory on a volume (or back it up) in production.
 */
export class FileProofStore implements ProofStore {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = resolve(dir);
  }

  async put(photo: ProofPhoto): Promise<StoredProof> {
    await mkdir(this.#dir, { recursive: true });
    const file = join(
      this.#dir,
      `${safe(photo.reference)}-${safe(photo.mediaId)}.${EXTENSIONS[photo.mimeType.split(";")[0]?.trim() ?? ""] ?? "bin"}`,
    );
    await atomicWrite(file, photo.bytes);
    const proof: StoredProof = {
      missionId: photo.missionId,
      reference: photo.reference,
      mediaId: photo.mediaId,
      mimeType: photo.mimeType,
      location: file,
      storedAt: new Date().toISOString(),
    };
    await atomicWrite(this.#record(photo.missionId), JSON.stringify(proof));
    return proof;
  }

  async get(missionId: string): Promise<StoredProof | undefined> {
    try {
      return JSON.parse(await readFile(this.#record(missionId), "utf8")) as StoredProof;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  #record(missionId: string): string {
    return join(this.#dir, `${safe(missionId)}.json`);
  }
}

async function atomicWrite(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}
