import type { DetectedLanguage, Transcriber } from "@toktok/smart-fallback";
import type { WhatsAppClient } from "@toktok/whatsapp-client";
import { expectTypeOf, test } from "vitest";
import type { Locale } from "../sessions/types.js";
import type { MediaDownloader, VoiceTranscriber } from "./voice-note.js";

test("smart-fallback's Transcriber is a VoiceTranscriber", () => {
  expectTypeOf<Transcriber>().toExtend<VoiceTranscriber>();
});

test("the real WhatsAppClient downloads voice notes (a MediaDownloader)", () => {
  expectTypeOf<WhatsAppClient>().toExtend<MediaDownloader>();
});

test("every language smart-fallback detects has a catalogue", () => {
  expectTypeOf<DetectedLanguage>().toExtend<Locale>();
});
