import { z } from "zod";
import type { Mission } from "../backend/types.js";
import type { JobQueue } from "../delivery/types.js";
import type { MediaDownloader } from "../engine/voice-note.js";
import type { Logger } from "../logger.js";
import { readLimited } from "../messaging/read-limited.js";
import { parseOptions } from "../validate-options.js";
import type { ProofStore, StoredProof } from "./proof-store.js";

/** How delivery photos are kept: downloaded through the media API, then put in a {@link ProofStore}. */
export interface ProofPhotoOptions {
  /** A `WhatsAppClient` (its `downloadMedia`), or any object like it. */
  media: MediaDownloader;
  store: ProofStore;
  /** Largest photo kept, bytes. Default 16 MB (WhatsApp's images stop at 5 MB). */
  maxBytes?: number;
  /** Downloads tried before giving up. Default 5. */
  tries?: number;
  /** Wait before the second try, doubled at each next one, ms. Default 30 s. */
  retryBaseMs?: number;
}

/**
 * {@link ProofPhotoOptions} and their defaults, written once: the dispatcher validates `proofPhotos` with it
 * (naming `proofPhotos.<field>`) and {@link ProofPhotos} uses its output. The media API and the store are
 * objects the caller keeps: checked by shape, handed back as they are.
 */
export const proofPhotoOptionsSchema = z.object({
  media: z.custom<MediaDownloader>(
    (v) => typeof v === "object" && v !== null && typeof (v as MediaDownloader).downloadMedia === "function",
    "must have downloadMedia(mediaId, options)",
  ),
  store: z.custom<ProofStore>(
    (v) =>
      typeof v === "object" &&
      v !== null &&
      typeof (v as ProofStore).put === "function" &&
      typeof (v as ProofStore).get === "function",
    "must be a ProofStore",
  ),
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(16 * 1024 * 1024),
  tries: z.number().int().min(1).max(50).default(5),
  retryBaseMs: z.number().int().positive().default(30_000),
});

/** Job key: `photo|<missionId>|<mediaId>|<try>`. */
const SEP = "|";

class TooLarge extends Error {
  readonly retryable = false;
}

/**
 * Keeps the photo a driver sent as proof of delivery. The delivery is recorded first, with the photo's
 * media id; the download and the storage then run as jobs of dispatch's queue (durable on BullMQ), so a
 * WhatsApp or storage outage delays the photo, never the delivery. A failed try is tried again later,
 * with a growing wait; a permanent failure (the media gone, a photo too large) or the last try gives up
 * with an error logged: the media id stays in the delivery's records.
 */
export class ProofPhotos {
  readonly #o: z.output<typeof proofPhotoOptionsSchema>;
  readonly #timers: JobQueue;
  readonly #logger: Logger;
  readonly #onStored: ((missionId: string, mediaId: string) => Promise<void>) | undefined;

  /** `onStored`: told once a photo is kept (the dispatcher records its location on the mission). */
  constructor(
    options: ProofPhotoOptions,
    timers: JobQueue,
    logger: Logger,
    onStored?: (missionId: string, mediaId: string) => Promise<void>,
  ) {
    this.#o = parseOptions(proofPhotoOptionsSchema, options);
    this.#timers = timers;
    this.#logger = logger;
    this.#onStored = onStored;
  }

  /** True when `key` is one of this class's jobs. */
  static owns(key: string): boolean {
    return key.startsWith(`photo${SEP}`);
  }

  /** The mission id a job key is about. */
  static missionOf(key: string): string | undefined {
    return key.split(SEP)[1];
  }

  /** Schedules the download and storage of a mission's proof photo, now. */
  schedule(missionId: string, mediaId: string): Promise<void> {
    return this.#timers.schedule(["photo", missionId, mediaId, "1"].join(SEP));
  }

  /** The stored photo of a mission, once kept. */
  stored(missionId: string): Promise<StoredProof | undefined> {
    return this.#o.store.get(missionId);
  }

  /** Runs one try of a photo job for `mission` (looked up by the caller). */
  async run(key: string, mission: Mission | undefined): Promise<void> {
    const [, missionId = "", mediaId = "", tryText = "1"] = key.split(SEP);
    const attempt = Number(tryText) || 1;
    if (!mission || !mediaId) return;
    const { store, media } = this.#o;
    // A turn retried after a write conflict schedules the same job twice: the photo is kept once.
    if ((await store.get(missionId))?.mediaId === mediaId) return this.#onStored?.(missionId, mediaId);
    try {
      const download = await media.downloadMedia(mediaId);
      const maxBytes = this.#o.maxBytes;
      const bytes = await readLimited(
        download.stream,
        maxBytes,
        () => new TooLarge(`the photo is over ${maxBytes} bytes`),
      );
      const stored = await store.put({
        missionId,
        reference: mission.reference,
        mediaId,
        mimeType: download.mimeType || "image/jpeg",
        bytes,
      });
      this.#logger.info("flows: delivery photo stored", { reference: mission.reference, location: stored.location });
      // Scheduling its record can fail too: the store already has it, so the next try records it then.
      await this.#onStored?.(missionId, mediaId);
    } catch (error) {
      const tries = this.#o.tries;
      const permanent = (error as { retryable?: unknown }).retryable === false;
      const detail = { reference: mission.reference, mediaId, attempt, error: String(error) };
      if (permanent || attempt >= tries) {
        this.#logger.error("flows: delivery photo not stored, its media id is kept", detail);
        return;
      }
      this.#logger.warn("flows: delivery photo not stored yet, will try again", detail);
      const waitMs = this.#o.retryBaseMs * 2 ** (attempt - 1);
      await this.#timers.schedule(["photo", missionId, mediaId, String(attempt + 1)].join(SEP), waitMs);
    }
  }
}
