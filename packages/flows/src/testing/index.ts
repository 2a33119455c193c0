/**
 * @toktok/flows/testing — test a bot without WhatsApp: a simulated user talking to a real engine
 * (`createTestConversation`) and a `Messenger` that records what was sent (`RecordingMessenger`).
 * On its own subpath, as `hono/testing` and `ai/test` are, so the main entry ships no test helpers.
 * @example
 * ```ts
 * import { builtInFlows, MemoryBackend } from "@toktok/flows";
 * import { createTestConversation } from "@toktok/flows/testing";
 *
 * const chat = createTestConversation({ flows: builtInFlows({ backend: new MemoryBackend() }) });
 * const turn = await chat.send("bonjour");
 * ```
 * @packageDocumentation
 */
export { ManualClock } from "./manual-clock.js";
export { type RecordedMessage, RecordingMessenger } from "./recording-messenger.js";
export {
  createTestConversation,
  type TestConversation,
  type TestConversationOptions,
  type TurnTranscript,
} from "./test-conversation.js";
