import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import type { MediaDownloader } from "../engine/voice-note.js";
import { ManualJobQueue } from "../test-support/delivery-doubles.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { createDispatcher } from "./dispatcher.js";
import { MemoryDispatchStore } from "./memory-dispatch-store.js";
import { MemoryProofStore } from "./proof-store.js";

const PHOTO = Buffer.from("a parcel on a doorstep");

/** WhatsApp's media API as the dispatcher sees it: fails `failures` times with `error`, then serves the photo. */
function mediaApi(failures: number, error: Error & { retryable?: boolean }) {
  const calls: string[] = [];
  let left = failures;
  const media: MediaDownloader = {
    async downloadMedia(mediaId) {
      calls.push(mediaId);
      if (left-- > 0) throw error;
      return { stream: Readable.from([PHOTO]), mimeType: "image/jpeg", size: PHOTO.length };
    },
  };
  return { media, calls };
}

async function delivered(failures: number, error: Error & { retryable?: boolean }) {
  let clock = Date.parse("2026-11-19T09:00:00Z");
  const backend = new MemoryBackend({ now: () => clock });
  const timers = new ManualJobQueue((ms) => {
    clock += ms;
  });
  const proofs = new MemoryProofStore({ now: () => clock });
  const api = mediaApi(failures, error);
  const dispatcher = createDispatcher({
    backend,
    store: new MemoryDispatchStore({ now: () => clock }),
    timers,
    messenger: new RecordingMessenger(),
    now: () => clock,
    proofPhotos: { media: api.media, store: proofs, tries: 3, retryBaseMs: 1_000 },
  });
  const created = await backend.missions.create({
    clientPhone: "242069990000",
    pickup: { address: "Poto-Poto" },
    destination: { address: "Plateau" },
    parcelValue: 10_000,
    description: "Un carton",
    recipient: { name: "Marie", phone: "242068880000" },
  });
  await backend.missions.accept(created.id, { id: "d1", name: "Jean", phone: "242060000001" });
  for (const s of ["pickup_arrived", "picked_up", "in_transit", "arrived", "delivered"] as const) {
    await backend.missions.updateStatus(created.id, s);
  }
  const mission = (await backend.missions.get(created.id)) ?? created;
  await dispatcher.closed(mission, { kind: "photo", mediaId: "1234567890" });
  await timers.runAll();
  return { dispatcher, proofs, mission, timers, calls: api.calls, backend };
}

describe("proof photos", () => {
  it("downloads the driver's photo through the media API and stores it, once", async () => {
    const { dispatcher, proofs, mission, calls } = await delivered(0, new Error("unused"));
    expect(await dispatcher.storedProof(mission.id)).toMatchObject({
      reference: mission.reference,
      mediaId: "1234567890",
      mimeType: "image/jpeg",
      location: `memory:${mission.id}`,
    });
    expect(Buffer.from(proofs.bytes(mission.id) ?? [])).toEqual(PHOTO);
    // The same delivery closed again (a retried turn) does not download it twice.
    await dispatcher.closed(mission, { kind: "photo", mediaId: "1234567890" });
    expect(calls).toHaveLength(1);
  });

  it("keeps the proof on the mission in the backend: the media id at the delivery, then where the photo is", async () => {
    const { mission, backend } = await delivered(0, new Error("unused"));
    expect((await backend.missions.get(mission.id))?.proof).toEqual({
      kind: "photo",
      at: mission.history.at(-1)?.at,
      mediaId: "1234567890",
      location: `memory:${mission.id}`,
    });
  });

  it("keeps the media id on the mission even when the photo is never stored", async () => {
    const gone = Object.assign(new Error("(#100) Object does not exist"), { retryable: false });
    const { mission, backend } = await delivered(5, gone);
    expect((await backend.missions.get(mission.id))?.proof).toEqual({
      kind: "photo",
      at: mission.history.at(-1)?.at,
      mediaId: "1234567890",
    });
  });

  it("tries again later when the download fails, with a growing wait, and the delivery stands meanwhile", async () => {
    const { dispatcher, mission, calls, timers, backend } = await delivered(2, new Error("socket hang up"));
    expect(calls).toHaveLength(3);
    const photoJobs = timers.scheduled.filter((j) => j.key.startsWith("photo|"));
    expect(photoJobs.map((j) => j.delayMs)).toEqual([0, 1_000, 2_000]);
    expect((await dispatcher.storedProof(mission.id))?.mediaId).toBe("1234567890");
    expect((await backend.missions.get(mission.id))?.status).toBe("delivered");
  });

  it("gives up on a permanent error (media gone) and after the last try, keeping the delivery", async () => {
    const gone = Object.assign(new Error("(#100) Object does not exist"), { retryable: false });
    const permanent = await delivered(5, gone);
    expect(permanent.calls).toHaveLength(1);
    expect(await permanent.dispatcher.storedProof(permanent.mission.id)).toBeUndefined();
    expect((await permanent.backend.missions.get(permanent.mission.id))?.status).toBe("delivered");

    const flaky = await delivered(5, new Error("socket hang up"));
    expect(flaky.calls).toHaveLength(3);
    expect(await flaky.dispatcher.storedProof(flaky.mission.id)).toBeUndefined();
  });
});
