// Test helper: a Messenger in front of another one (a RecordingMessenger) whose Nth send fails or
// hangs — a WhatsApp error on the contact card, or a relay that dies in the middle of a send.
import type { Messenger, SentMessage } from "@toktok/flows";

type Script = { kind: "fail"; error: unknown } | { kind: "hang"; until: Promise<void> };

/** A {@link Messenger} whose sends can be scripted by call number (1-based, counted across all methods). */
export interface ScriptedMessenger extends Messenger {
  /** Sends attempted so far. */
  readonly calls: number;
  /** The `n`th send rejects with `error` without reaching the inner messenger. */
  failOn(n: number, error: unknown): void;
  /** The `n`th send waits for `until` (forever by default) before reaching the inner messenger. */
  hangOn(n: number, until?: Promise<void>): void;
}

/** Wraps `inner` so its sends can fail or hang on a given call. */
export function scriptedMessenger(inner: Messenger): ScriptedMessenger {
  const scripts = new Map<number, Script>();
  let calls = 0;
  const run = async (send: () => Promise<SentMessage>): Promise<SentMessage> => {
    calls += 1;
    const script = scripts.get(calls);
    if (script?.kind === "fail") throw script.error;
    if (script?.kind === "hang") await script.until;
    return send();
  };
  return {
    get calls() {
      return calls;
    },
    failOn(n, error) {
      scripts.set(n, { kind: "fail", error });
    },
    hangOn(n, until = new Promise<void>(() => {})) {
      scripts.set(n, { kind: "hang", until });
    },
    sendText: (...a) => run(() => inner.sendText(...a)),
    sendReplyButtons: (...a) => run(() => inner.sendReplyButtons(...a)),
    sendList: (...a) => run(() => inner.sendList(...a)),
    sendImage: (...a) => run(() => inner.sendImage(...a)),
    sendLocationRequest: (...a) => run(() => inner.sendLocationRequest(...a)),
    sendContacts: (...a) => run(() => inner.sendContacts(...a)),
    sendTemplate: (...a) => run(() => inner.sendTemplate(...a)),
  };
}
