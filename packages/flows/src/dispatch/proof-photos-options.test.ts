import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import type { Mission } from "../backend/types.js";
import type { MediaDownloader } from "../engine/voice-note.js";
import { silentLogger } from "../logger.js";
import { ManualJobQueue } from "../test-support/delivery-doubles.js";
import { validationField } from "../test-support/validation-field.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { createDispatcher } from "./dispatcher.js";
import { MemoryDispatchStore } from "./memory-dispatch-store.js";
import { type ProofPhotoOptions, ProofPhotos } from "./proof-photos.js";
import { MemoryProofStore } from "./proof-store.js";

const mission = { id: "m1", reference: "COUR-20261119-001" } as Mission;

/** Runs a photo job through its tries on a manual queue; the media API answers with `download`. */
async function keep(download: MediaDownloader["downloadMedia"]) {
  const timers = new ManualJobQueue(() => {});
  const store = new MemoryProofStore();
  let calls = 0;
  const media: MediaDownloader = {
    downloadMedia: (id, o) => {
      calls++;
      return download(id, o);
    },
  };
  const photos = new ProofPhotos({ media, store }, timers, silentLogger);
  timers.process(async (key) => {
    await photos.run(key, mission);
    return undefined;
  });
  await photos.schedule(mission.id, "1234567890");
  await timers.runAll();
  return { calls, delays: timers.scheduled.map((j) => j.delayMs), stored: await store.get(mission.id) };
}

const bytes = (n: number) => ({ stream: Readable.from([Buffer.alloc(n)]), mimeType: "image/jpeg", size: n });

describe("proof photo options (defaults in their zod schema)", () => {
  it("tries 5 times, waiting 30 s then twice as long each time, by default", async () => {
    const { calls, delays, stored } = await keep(async () => {
      throw new Error("socket hang up");
    });
    expect(calls).toBe(5);
    expect(delays).toEqual([0, 30_000, 60_000, 120_000, 240_000]);
    expect(stored).toBeUndefined();
  });

  it("keeps a photo of 16 MB and refuses one byte more, by default", async () => {
    const limit = 16 * 1024 * 1024;
    expect((await keep(async () => bytes(limit))).stored?.mediaId).toBe("1234567890");
    const over = await keep(async () => bytes(limit + 1));
    expect([over.calls, over.stored]).toEqual([1, undefined]);
  });

  it("names the offending field with FlowsValidationError, under proofPhotos in the dispatcher", () => {
    const store = new MemoryProofStore();
    const media: MediaDownloader = { downloadMedia: async () => bytes(1) };
    const dispatcher = (proofPhotos: ProofPhotoOptions) => () =>
      createDispatcher({
        backend: new MemoryBackend(),
        store: new MemoryDispatchStore(),
        timers: new ManualJobQueue(() => {}),
        messenger: new RecordingMessenger(),
        proofPhotos,
      });
    expect(validationField(dispatcher({ media, store, tries: 0 }))).toBe("proofPhotos.tries");
    expect(validationField(dispatcher({ media, store, maxBytes: 1.5 }))).toBe("proofPhotos.maxBytes");
    expect(validationField(dispatcher({ media, store, retryBaseMs: -1 }))).toBe("proofPhotos.retryBaseMs");
    expect(validationField(dispatcher({ media: {} as never, store }))).toBe("proofPhotos.media");
    expect(validationField(dispatcher({ media, store: { get: () => undefined } as never }))).toBe("proofPhotos.store");
    expect(validationField(dispatcher({ media, store }))).toBe("accepted");
    const timers = new ManualJobQueue(() => {});
    expect(validationField(() => new ProofPhotos({ media, store, tries: 1.5 }, timers, silentLogger))).toBe("tries");
  });
});
