// Shared set-up of the built-in flow tests: one backend, one recording messenger
// used by both the engine and the notifier, the auth flow wired in.
import { MemoryBackend } from "../backend/memory-backend.js";
import { identifyWith } from "../flows/auth/auth-flow.js";
import { builtInFlows } from "../flows/built-in.js";
import { createNotifier } from "../notifications/notifier.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { createTestConversation } from "../testing/test-conversation.js";

export const CLIENT = "242061234567";
export const DRIVER = "242055500001";
export const SHOP = "242055500002";

export function bot(options: { basket?: boolean } = {}) {
  const backend = new MemoryBackend({ now: () => Date.UTC(2026, 10, 21, 9, 0, 0) });
  const messenger = new RecordingMessenger();
  const notifier = createNotifier({ messenger, backend });
  const chat = createTestConversation({
    messenger,
    flows: builtInFlows({ backend, notifier, marketplaceBasket: options.basket ?? true }),
    authFlow: "auth",
    identify: identifyWith(backend),
    user: CLIENT,
    contactName: "Aline",
  });
  return { backend, messenger, chat };
}
