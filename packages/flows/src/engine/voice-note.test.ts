import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTranscriber } from "@toktok/smart-fallback";
import { startTranscriptionStandIn, type TranscriptionStandIn } from "@toktok/smart-fallback/testing";
import { WhatsAppClient } from "@toktok/whatsapp-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { describeWithSpeech, speak } from "../../../../scripts/speech.js";
import { MemoryBackend } from "../backend/memory-backend.js";
import { builtInFlows } from "../flows/built-in.js";
import { createTestConversation, type TestConversation } from "../testing/test-conversation.js";
import type { VoiceNoteOptions } from "./voice-note.js";

const TOKEN = "graph-token-voice";
const KEY = "sk-whisper-voice-key";

/** The media half of the Graph API on loopback: `GET /{version}/{id}` (lookup) and the download URL it names. */
async function startMediaServer(): Promise<{
  url: string;
  put(id: string, bytes: Uint8Array, mimeType: string): void;
  downloads: string[];
  close(): Promise<void>;
}> {
  const media = new Map<string, { bytes: Uint8Array; mimeType: string }>();
  const downloads: string[] = [];
  let base = "";
  const server: Server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Invalid OAuth access token", type: "OAuthException", code: 190 } }));
      return;
    }
    const path = (req.url ?? "").split("?")[0] ?? "";
    const download = /^\/download\/([\w.-]+)$/.exec(path);
    const lookup = /^\/v\d+\.\d+\/([\w.-]+)$/.exec(path);
    const id = download?.[1] ?? lookup?.[1] ?? "";
    const stored = media.get(id);
    if (!stored) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(
        JSON.stringify({ error: { message: "Unsupported get request", type: "GraphMethodException", code: 100 } }),
      );
      return;
    }
    if (download) {
      downloads.push(id);
      res.writeHead(200, { "content-type": stored.mimeType, "content-length": stored.bytes.byteLength });
      res.end(stored.bytes);
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        messaging_product: "whatsapp",
        id,
        url: `${base}/download/${id}`,
        mime_type: stored.mimeType,
        sha256: "0",
        file_size: stored.bytes.byteLength,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    downloads,
    put: (id, bytes, mimeType) => media.set(id, { bytes, mimeType }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let graph: Awaited<ReturnType<typeof startMediaServer>>;
let whisper: TranscriptionStandIn;
let client: WhatsAppClient;

beforeAll(async () => {
  graph = await startMediaServer();
  whisper = await startTranscriptionStandIn({ apiKey: KEY });
  client = new WhatsAppClient({ accessToken: TOKEN, phoneNumberId: "1", baseUrl: graph.url, retry: { maxRetries: 0 } });
});
afterAll(async () => {
  await whisper.close();
  await graph.close();
});

function chatWith(voice: Partial<VoiceNoteOptions> | undefined): TestConversation {
  const backend = new MemoryBackend();
  return createTestConversation({
    flows: builtInFlows({ backend }),
    ...(voice
      ? {
          voice: {
            transcriber: createTranscriber({ baseURL: whisper.baseURL, apiKey: KEY }),
            media: client,
            ...voice,
          },
        }
      : {}),
  });
}

const voiceNote = (mediaId: string, mimeType = "audio/ogg; codecs=opus") =>
  ({ type: "audio", mediaId, mimeType, voice: true }) as const;

describeWithSpeech("voice notes on real audio (espeak-ng)", () => {
  it("hears a courier request, echoes it before acting, and moves the courier flow on by voice", async () => {
    const said = new Map<string, string>();
    const record = (id: string, text: string) => {
      const note = speak(text);
      graph.put(id, note.bytes, note.mimeType);
      said.set(Buffer.from(note.bytes).toString("base64"), text);
      return note;
    };
    // The stand-in "hears" exactly the recording it is sent, checked byte for byte.
    whisper.answerWith((request) => ({ text: said.get(Buffer.from(request.bytes).toString("base64")) ?? "" }));
    const first = record("voice-1", "Je veux envoyer un colis");
    record("voice-2", "quinze mille francs");
    record("voice-3", "oui");
    const chat = chatWith({});

    const start = await chat.deliver(voiceNote("voice-1", first.mimeType));
    expect(start.replies[0]).toMatchObject({ type: "text", body: "🎤 J'ai compris : « Je veux envoyer un colis »" });
    expect(start.text).toContain("Où faut-il récupérer le colis ?");
    expect(whisper.requests.at(-1)).toMatchObject({ model: "whisper-1", language: "fr" });
    expect(whisper.requests.at(-1)?.bytes.byteLength).toBe(first.bytes.byteLength);
    expect(graph.downloads).toContain("voice-1");

    await chat.send("Marché Total, Poto-Poto");
    await chat.send("Rond-point Moungali");
    const value = await chat.deliver(voiceNote("voice-2", first.mimeType));
    expect(value.replies[0]).toMatchObject({ body: "🎤 J'ai compris : « quinze mille francs »" });
    expect(value.text).toContain("Que contient le colis ?");

    await chat.send("des pagnes");
    await chat.send("Marie Okemba");
    const recap = await chat.send("06 123 4567");
    expect(recap.text).toContain("15 000 FCFA");
    const created = await chat.deliver(voiceNote("voice-3", first.mimeType));
    // The transcript comes first, then the mission it created.
    expect(created.replies.map((r) => (r.type === "text" ? r.body : r.type))).toEqual([
      "🎤 J'ai compris : « oui »",
      expect.stringMatching(/^✅ Demande envoyée ! Référence \*COUR-/),
    ]);
  });
});

describe("voice notes that cannot be heard", () => {
  const audio = new Uint8Array(2048).fill(1);
  beforeEach(() => {
    graph.put("note", audio, "audio/ogg; codecs=opus");
    whisper.answerWith(() => ({ text: "Je veux envoyer un colis" }));
  });

  async function atPickup(chat: TestConversation): Promise<void> {
    const turn = await chat.send("Je veux envoyer un colis");
    expect(turn.text).toContain("Où faut-il récupérer le colis ?");
  }

  it("asks politely to type when no transcriber is configured, in the user's language, keeping the step", async () => {
    const chat = chatWith(undefined);
    await atPickup(chat);
    const turn = await chat.deliver(voiceNote("note"));
    expect(turn.replies[0]).toMatchObject({ body: expect.stringContaining("Pouvez-vous écrire votre message") });
    expect(turn.text).toContain("Où faut-il récupérer le colis ?");
    expect(graph.downloads).not.toContain("never");
    const next = await chat.send("Marché Total, Poto-Poto");
    expect(next.text).toContain("Où faut-il livrer le colis ?");

    const lingala = chatWith(undefined).as("242065550001");
    await lingala.send("Mbote, nalingi kotinda colis");
    const spoken = await lingala.deliver(voiceNote("note"));
    expect(spoken.replies[0]).toMatchObject({ body: expect.stringContaining("Okoki kokoma message na yo") });
  });

  it("refuses a format Whisper cannot read without downloading it", async () => {
    const chat = chatWith({});
    await atPickup(chat);
    const before = { downloads: graph.downloads.length, requests: whisper.requests.length };
    const turn = await chat.deliver(voiceNote("note", "audio/amr"));
    expect(turn.replies[0]).toMatchObject({ body: expect.stringContaining("Je ne peux pas lire ce format audio") });
    expect(turn.text).toContain("Où faut-il récupérer le colis ?");
    expect(graph.downloads.length).toBe(before.downloads);
    expect(whisper.requests.length).toBe(before.requests);
  });

  it("refuses a voice note over maxBytes before transcribing it", async () => {
    const chat = chatWith({ maxBytes: 1024 });
    await atPickup(chat);
    const before = whisper.requests.length;
    const turn = await chat.deliver(voiceNote("note"));
    expect(turn.replies[0]).toMatchObject({ body: expect.stringContaining("trop long") });
    expect(whisper.requests.length).toBe(before);
  });

  it("stops reading a download that outgrows maxBytes when its size was not announced", async () => {
    let chunksRead = 0;
    async function* chunks() {
      for (let i = 0; i < 100; i++) {
        chunksRead++;
        yield new Uint8Array(600);
      }
    }
    const chat = chatWith({ maxBytes: 1024, media: { downloadMedia: async () => ({ stream: chunks() }) } });
    await atPickup(chat);
    const before = whisper.requests.length;
    const turn = await chat.deliver(voiceNote("note"));
    expect(turn.replies[0]).toMatchObject({ body: expect.stringContaining("trop long") });
    expect(chunksRead).toBe(2);
    expect(whisper.requests.length).toBe(before);
  });

  it("answers a timeout, an endpoint error and silence each with its own reply, and the flow goes on", async () => {
    const chat = chatWith({ timeoutMs: 200 });
    await atPickup(chat);
    whisper.answerWith(() => ({ hang: true }));
    const late = await chat.deliver(voiceNote("note"));
    expect(late.status).toBe("handled");
    expect(late.replies[0]).toMatchObject({ body: expect.stringContaining("a pris trop de temps") });
    whisper.answerWith(() => ({ status: 503, message: "overloaded" }));
    const down = await chat.deliver(voiceNote("note"));
    expect(down.replies[0]).toMatchObject({ body: expect.stringContaining("Je n'ai pas pu écouter") });
    whisper.answerWith(() => ({ text: "   " }));
    const silent = await chat.deliver(voiceNote("note"));
    expect(silent.replies[0]).toMatchObject({ body: expect.stringContaining("Je n'ai rien entendu") });
    // The conversation state survived all three.
    expect(silent.text).toContain("Où faut-il récupérer le colis ?");
    const next = await chat.send("Marché Total, Poto-Poto");
    expect(next.text).toContain("Où faut-il livrer le colis ?");
  });

  it("refuses a voice option without a way to download media, naming the field", () => {
    expect(() =>
      createTestConversation({
        flows: builtInFlows({ backend: new MemoryBackend() }),
        voice: { transcriber: createTranscriber({ baseURL: whisper.baseURL }) },
      }),
    ).toThrow(/voice\.media/);
  });
});
