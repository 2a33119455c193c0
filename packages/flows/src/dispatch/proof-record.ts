import type { Mission, MissionProof, TokTokBackend } from "../backend/types.js";
import type { JobQueue } from "../delivery/types.js";
import type { Logger } from "../logger.js";
import type { DeliveryProof } from "./proof.js";
import { type ProofPhotoOptions, ProofPhotos } from "./proof-photos.js";
import type { StoredProof } from "./proof-store.js";

/** What {@link ProofRecords} needs. */
export interface ProofRecordsDeps {
  missions: Pick<TokTokBackend["missions"], "get" | "recordProof">;
  timers: JobQueue;
  /** Where a mission's photo was stored, once it was (the `ProofStore`'s `get`). */
  stored(missionId: string): Promise<StoredProof | undefined>;
  now: () => number;
}

// Job key: `proof|<missionId>|<kind>|<mediaId>|<stage>`; the stage (`delivered`, `stored`) keeps the
// second recording a job of its own on queues that refuse a key they already ran.
const SEP = "|";

/**
 * Keeps a delivery's proof on the mission in the backend (`missions.recordProof`, when the backend has
 * it): the code or the photo's media id once the delivery is recorded, then the photo's location once
 * it is stored. Jobs of dispatch's queue, so a backend outage delays the record (the queue retries a
 * failed run), never the delivery.
 */
export class ProofRecords {
  readonly #d: ProofRecordsDeps;

  constructor(deps: ProofRecordsDeps) {
    this.#d = deps;
  }

  /** True when `key` is one of this class's jobs. */
  static owns(key: string): boolean {
    return key.startsWith(`proof${SEP}`);
  }

  /** Schedules the record of a proof: at the delivery, and again once its photo is stored. */
  async schedule(missionId: string, proof: DeliveryProof, stage: "delivered" | "stored"): Promise<void> {
    if (!this.#d.missions.recordProof) return;
    const mediaId = proof.kind === "photo" ? proof.mediaId : "";
    await this.#d.timers.schedule(["proof", missionId, proof.kind, mediaId, stage].join(SEP));
  }

  /** Runs a record job; a backend error rejects, for the queue to run it again later. */
  async run(key: string): Promise<void> {
    const [, missionId = "", kind = "", mediaId = ""] = key.split(SEP);
    const record = this.#d.missions.recordProof;
    const mission = await this.#d.missions.get(missionId);
    if (!record || mission?.status !== "delivered" || (kind !== "code" && kind !== "photo")) return;
    const photo = kind === "photo" ? await this.#d.stored(missionId) : undefined;
    const proof: MissionProof = {
      kind,
      at: deliveredAt(mission) ?? new Date(this.#d.now()).toISOString(),
      ...(kind === "photo" ? { mediaId } : {}),
      ...(photo?.mediaId === mediaId && mediaId !== "" ? { location: photo.location } : {}),
    };
    // Already kept as complete (a retried job, or the stored stage ran first): nothing to send.
    if (mission.proof?.kind === kind && mission.proof.mediaId === proof.mediaId && mission.proof.location) return;
    await record(mission.id, proof, { idempotencyKey: `${key}${SEP}${proof.location ?? ""}` });
  }
}

/** The dispatcher's proof keepers: the records on the mission, and the photos when `proofPhotos` is given. */
export function keepProofs(
  missions: ProofRecordsDeps["missions"],
  timers: JobQueue,
  proofPhotos: ProofPhotoOptions | undefined,
  logger: Logger,
  now: () => number,
): [ProofRecords, ProofPhotos | undefined] {
  let photos: ProofPhotos | undefined;
  const records = new ProofRecords({ missions, timers, stored: async (id) => photos?.stored(id), now });
  if (proofPhotos) {
    photos = new ProofPhotos(proofPhotos, timers, logger, (id, mediaId) =>
      records.schedule(id, { kind: "photo", mediaId }, "stored"),
    );
  }
  return [records, photos];
}

const deliveredAt = (m: Mission): string | undefined => m.history.findLast((h) => h.status === "delivered")?.at;
