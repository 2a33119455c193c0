/** A delivery photo downloaded from WhatsApp, to keep. */
export interface ProofPhoto {
  missionId: string;
  /** The mission's reference (`COUR-…`), for file names and people. */
  reference: string;
  /** The WhatsApp media id the driver's photo came as. */
  mediaId: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** Where a mission's delivery photo is kept, as {@link ProofStore.get} tells it. */
export interface StoredProof {
  missionId: string;
  reference: string;
  mediaId: string;
  mimeType: string;
  /** Where the bytes are: a URL, a file path or a key of the store. */
  location: string;
  /** ISO time it was stored. */
  storedAt: string;
}

/**
 * Where delivery photos are kept once downloaded from WhatsApp (whose media ids expire): the bot's disk,
 * an object store, the backend. `MemoryProofStore` for tests and the demo.
 */
export interface ProofStore {
  /** Keeps the photo (replacing an earlier one of the same mission); resolves with where it is. */
  put(photo: ProofPhoto, options?: { signal?: AbortSignal }): Promise<StoredProof>;
  /** The mission's stored photo, if any. */
  get(missionId: string): Promise<StoredProof | undefined>;
}

/** An in-memory {@link ProofStore}: `memory:<missionId>` locations, the bytes readable with `bytes`. */
export class MemoryProofStore implements ProofStore {
  readonly #proofs = new Map<string, { proof: StoredProof; bytes: Uint8Array }>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async put(photo: ProofPhoto): Promise<StoredProof> {
    const proof: StoredProof = {
      missionId: photo.missionId,
      reference: photo.reference,
      mediaId: photo.mediaId,
      mimeType: photo.mimeType,
      location: `memory:${photo.missionId}`,
      storedAt: new Date(this.#now()).toISOString(),
    };
    this.#proofs.set(photo.missionId, { proof, bytes: new Uint8Array(photo.bytes) });
    return { ...proof };
  }

  async get(missionId: string): Promise<StoredProof | undefined> {
    const found = this.#proofs.get(missionId);
    return found && { ...found.proof };
  }

  /** The stored bytes of a mission's photo. */
  bytes(missionId: string): Uint8Array | undefined {
    return this.#proofs.get(missionId)?.bytes;
  }
}
