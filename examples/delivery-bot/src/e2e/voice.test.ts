import { startTranscriptionStandIn, type TranscriptionStandIn } from "@toktok/smart-fallback/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeWithSpeech, speak } from "../../../../scripts/speech.ts";
import { type Simulation, startSimulation } from "../demo/simulation.ts";

const KEY = "sk-voice-e2e-key";

describeWithSpeech("voice notes through the whole bot (Graph stand-in media, loopback Whisper)", () => {
  let whisper: TranscriptionStandIn;
  let sim: Simulation;
  const heard = new Map<string, string>();

  beforeAll(async () => {
    whisper = await startTranscriptionStandIn({
      apiKey: KEY,
      // Hears exactly the recordings the test made, byte for byte, and nothing else.
      answer: (request) => ({ text: heard.get(Buffer.from(request.bytes).toString("base64")) ?? "" }),
    });
    sim = await startSimulation({
      logLevel: "silent",
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: whisper.baseURL, OPENAI_TRANSCRIBE_MODEL: "whisper-large-v3" },
    });
  });
  afterAll(async () => {
    await sim?.close();
    await whisper?.close();
  });

  /** Records `text` with espeak-ng, uploads it to the Graph stand-in as WhatsApp would, and sends it as a voice note. */
  async function sayAloud(customer: ReturnType<Simulation["customer"]>, waId: string, text: string): Promise<void> {
    const note = speak(text);
    heard.set(Buffer.from(note.bytes).toString("base64"), text);
    const { id } = await sim.bot.client.uploadMedia({ data: note.bytes, mimeType: note.mimeType });
    await customer.post(sim.signer.voiceNote({ from: waId, name: "Grâce" }, { mediaId: id, mimeType: note.mimeType }));
  }

  it("echoes what was heard, then moves the courier flow on exactly as the typed words would", async () => {
    const waId = "242061110001";
    const grace = sim.customer(waId, "Grâce");
    await sayAloud(grace, waId, "Bonjour, je veux envoyer un colis");
    await grace.expect("🎤 J'ai compris : « Bonjour, je veux envoyer un colis »", 5_000);
    await grace.expect("Où faut-il récupérer le colis", 5_000);
    expect(whisper.requests.at(-1)).toMatchObject({ model: "whisper-large-v3", language: "fr" });
    expect(whisper.requests.at(-1)?.authorization).toBe(`Bearer ${KEY}`);

    await grace.say("/loc -4.2634 15.2429");
    await grace.expect("Où faut-il livrer", 5_000);
    await sayAloud(grace, waId, "Rond-point Moungali");
    await grace.expect("J'ai compris : « Rond-point Moungali »", 5_000);
    await grace.expect("valeur du colis", 5_000);
  });

  it("asks a customer to type when the endpoint fails, and keeps the question", async () => {
    const waId = "242061110002";
    const paul = sim.customer(waId, "Paul");
    await paul.say("Je veux envoyer un colis");
    await paul.expect("Où faut-il récupérer le colis", 5_000);
    whisper.answerWith(() => ({ status: 500, message: "model crashed" }));
    const note = speak("Poto-Poto");
    const { id } = await sim.bot.client.uploadMedia({ data: note.bytes, mimeType: note.mimeType });
    await paul.post(sim.signer.voiceNote({ from: waId, name: "Paul" }, { mediaId: id, mimeType: note.mimeType }));
    await paul.expect("Je n'ai pas pu écouter votre message vocal", 5_000);
    await paul.expect("Où faut-il récupérer le colis", 5_000);
  });
});

describe("voice notes without a transcription endpoint", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({ logLevel: "silent" });
  });
  afterAll(() => sim.close());

  it("asks politely to type, in the customer's language", async () => {
    const waId = "242061110003";
    const ngoma = sim.customer(waId, "Ngoma");
    await ngoma.say("Mbote, nalingi kotinda colis");
    await ngoma.expect("Esika nini livreur akozwa colis", 5_000);
    const { id } = await sim.bot.client.uploadMedia({ data: new Uint8Array(512).fill(3), mimeType: "audio/ogg" });
    await ngoma.post(
      sim.signer.voiceNote({ from: waId, name: "Ngoma" }, { mediaId: id, mimeType: "audio/ogg; codecs=opus" }),
    );
    await ngoma.expect("Nakoki naino koyoka ba message vocal te", 5_000);
    await ngoma.expect("Esika nini livreur akozwa colis", 5_000);
  });
});
