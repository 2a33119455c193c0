/**
 * @toktok/smart-fallback/testing — stand-ins of the outside services the package calls, for your
 * own tests: an OpenAI-compatible transcription endpoint on loopback.
 * @packageDocumentation
 */
export {
  startTranscriptionStandIn,
  type TranscriptionAnswer,
  type TranscriptionRequest,
  type TranscriptionStandIn,
  type TranscriptionStandInOptions,
} from "./transcription-stand-in.js";
