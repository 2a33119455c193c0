import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { courierFlow } from "../flows/courier/courier-flow.js";
import { MemorySessionStore } from "../sessions/memory-store.js";
import type { Session, SessionStore } from "../sessions/types.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { createFlowEngine } from "./engine.js";

const user = "242061234567";
const text = (id: string, body: string) => ({ id, from: user, message: { type: "text" as const, text: body } });

/** A memory store that counts reads and writes, and lets a test write "from another process" after a write. */
function countingStore(afterSave?: (store: MemorySessionStore, saves: number) => Promise<void>) {
  const inner = new MemorySessionStore();
  const counts = { loads: 0, saves: 0 };
  const store: SessionStore = {
    load: (id) => {
      counts.loads++;
      return inner.load(id);
    },
    save: async (id, session: Session, version) => {
      const ok = await inner.save(id, session, version);
      if (ok) {
        counts.saves++;
        await afterSave?.(inner, counts.saves);
      }
      return ok;
    },
    delete: (id) => inner.delete(id),
  };
  return { store, inner, counts };
}

describe("a drain's session reads", () => {
  it("reads the session once a message: the session it has just written is not read back", async () => {
    const { store, counts } = countingStore();
    const engine = createFlowEngine({
      messenger: new RecordingMessenger(),
      flows: [courierFlow({ backend: new MemoryBackend() })],
      store,
    });
    const script = ["envoyer un colis", "Poto-Poto", "Bacongo", "15000"];
    for (const [i, body] of script.entries()) await engine.handle(text(`wamid.${i}`, body));
    // Each message: one read, the turn written with its replies, then written again once they are sent.
    expect(counts).toEqual({ loads: script.length, saves: 2 * script.length });
  });

  it("still sees a writer that slipped in after its own write: the next turn is retried on the newer session", async () => {
    const { store, inner } = countingStore(async (raw, saves) => {
      if (saves !== 2) return; // the first message's replies were just recorded as sent
      const current = await raw.load(user);
      if (!current) throw new Error("no session");
      const foreign: Session = { ...current.session, processed: [...current.session.processed, "wamid.other"] };
      await raw.save(user, foreign, current.version);
    });
    const messenger = new RecordingMessenger();
    const engine = createFlowEngine({ messenger, flows: [courierFlow({ backend: new MemoryBackend() })], store });
    // Both in the mailbox before the drain starts: one drain handles them one after the other.
    await engine.accept([text("wamid.1", "envoyer un colis"), text("wamid.2", "Poto-Poto")]);
    await engine.whenIdle();
    const saved = (await inner.load(user))?.session;
    expect(saved?.processed).toEqual(["wamid.1", "wamid.other", "wamid.2"]);
    expect(saved?.flow?.step).toBe("destination");
    // The second message's replies went out once, though its first try was refused by the stale write.
    expect(messenger.sent.filter((s) => JSON.stringify(s).includes("Étape 2/6"))).toHaveLength(1);
  });
});
