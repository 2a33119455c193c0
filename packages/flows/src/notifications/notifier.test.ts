import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WhatsAppClient } from "@toktok/whatsapp-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import type { Mission } from "../backend/types.js";
import { NotificationError } from "../errors.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { createNotifier, notifyMissionStatus } from "./notifier.js";

// A loopback stand-in for the Graph API: records every message body and answers
// like Meta does, or with a scripted Graph error.
interface Graph {
  url: string;
  bodies: Array<Record<string, unknown>>;
  failures: Array<{ status: number; code: number }>;
  server: Server;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};

async function startGraph(): Promise<Graph> {
  const graph: Graph = { url: "", bodies: [], failures: [], server: createServer() };
  let n = 0;
  graph.server.on("request", async (req, res) => {
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    res.setHeader("content-type", "application/json");
    const failure = graph.failures.shift();
    if (failure) {
      res.statusCode = failure.status;
      res.end(
        JSON.stringify({
          error: {
            message: "(#131047) Re-engagement message",
            type: "OAuthException",
            code: failure.code,
            fbtrace_id: "Trace",
          },
        }),
      );
      return;
    }
    graph.bodies.push(body);
    n += 1;
    res.end(
      JSON.stringify({
        messaging_product: "whatsapp",
        contacts: [{ wa_id: body.to }],
        messages: [{ id: `wamid.G${n}` }],
      }),
    );
  });
  await new Promise<void>((resolve) => graph.server.listen(0, "127.0.0.1", resolve));
  graph.url = `http://127.0.0.1:${(graph.server.address() as AddressInfo).port}`;
  return graph;
}

let graph: Graph;
let client: WhatsAppClient;

beforeAll(async () => {
  graph = await startGraph();
  client = new WhatsAppClient({
    accessToken: "test-token",
    phoneNumberId: "1234567890",
    baseUrl: graph.url,
    retry: { maxRetries: 0 },
  });
});
afterAll(async () => {
  await client.close();
  await new Promise((resolve) => graph.server.close(resolve));
});
beforeEach(() => {
  graph.bodies.length = 0;
  graph.failures.length = 0;
});

const mission = async (): Promise<Mission> => {
  const backend = new MemoryBackend({ now: () => Date.UTC(2026, 10, 21, 9, 0, 0) });
  const m = await backend.missions.create({
    clientPhone: "242061234567",
    clientName: "Aline",
    pickup: { address: "Marché Total" },
    destination: { address: "Bacongo" },
    parcelValue: 15000,
    description: "pagnes",
    recipient: { name: "Marie", phone: "+242069876543" },
  });
  return backend.missions.accept(m.id, { id: "usr_1", name: "Jean Mabiala", phone: "242055500001" });
};

describe("notifications through the real WhatsAppClient", () => {
  it("sends the acceptance with the timeline and the driver's contact card", async () => {
    const result = await notifyMissionStatus(await mission(), "accepted", { messenger: client });
    expect(result).toEqual({ messageIds: ["wamid.G1", "wamid.G2"], usedTemplate: false });
    const [text, card] = graph.bodies;
    expect(text).toMatchObject({ to: "242061234567", type: "text" });
    expect(JSON.stringify(text)).toContain("Jean Mabiala a accepté votre course COUR-20261121-001");
    expect(JSON.stringify(text)).toContain("✅ Livreur assigné");
    expect(card).toMatchObject({
      to: "242061234567",
      type: "contacts",
      contacts: [{ name: { formatted_name: "Jean Mabiala", first_name: "Jean" }, phones: [{ wa_id: "242055500001" }] }],
    });
  });

  it("falls back to the approved template when the 24-hour window is closed", async () => {
    graph.failures.push({ status: 400, code: 131047 });
    const notifier = createNotifier({ messenger: client });
    const result = await notifier.notifyMissionStatus(await mission(), "in_transit");
    expect(result.usedTemplate).toBe(true);
    const [template, recipientText] = graph.bodies;
    expect(template).toMatchObject({
      to: "242061234567",
      type: "template",
      // A parcel on its way: the status update, not a pickup reminder.
      template: { name: "delivery_update", language: { code: "fr" } },
    });
    expect(JSON.stringify(template)).toContain("COUR-20261121-001");
    // The recipient's own message still went out normally.
    expect(recipientText).toMatchObject({ to: "242069876543", type: "text" });
  });

  it("asks for feedback by template when a delivery lands outside the window", async () => {
    graph.failures.push({ status: 400, code: 131047 });
    await notifyMissionStatus(await mission(), "delivered", { messenger: client });
    expect(graph.bodies[0]).toMatchObject({ type: "template", template: { name: "feedback_request" } });
  });

  it("raises NotificationError on any other failure, without sending a template", async () => {
    graph.failures.push({ status: 400, code: 100 });
    const error = await notifyMissionStatus(await mission(), "pickup_arrived", { messenger: client }).catch((e) => e);
    expect(NotificationError.isInstance(error)).toBe(true);
    expect(graph.bodies).toEqual([]);
  });

  it("alerts the merchant of a new order and tells the customer", async () => {
    const backend = new MemoryBackend();
    const order = await backend.orders.create({
      clientPhone: "242061234567",
      merchantId: "chez-mama-ngudi",
      items: [{ productId: "poulet-braise", quantity: 1 }],
      address: { address: "Bacongo" },
      payment: "cash",
    });
    await createNotifier({ messenger: client, backend, locale: "en" }).notifyOrderStatus(order, "pending");
    expect(graph.bodies.map((b) => b.to)).toEqual(["242061234567", "242055550101"]);
    expect(JSON.stringify(graph.bodies[1])).toContain("New order");
  });
});

describe("notifications with a recording messenger", () => {
  it("names the missing messenger instead of failing later", async () => {
    const m = await mission();
    expect(() => createNotifier({} as never)).toThrow(/messenger/);
    await expect((notifyMissionStatus as (...args: unknown[]) => Promise<unknown>)(m, "accepted")).rejects.toThrow(
      /must hold at least \{ messenger \}/,
    );
  });

  it("detects the window error structurally (requiresTemplate or code 131047)", async () => {
    const messenger = new RecordingMessenger();
    messenger.failNextSend({ code: 131047 });
    const result = await notifyMissionStatus(await mission(), "picked_up", { messenger });
    expect(result.usedTemplate).toBe(true);
    expect(messenger.sent.map((m) => m.type)).toEqual(["template"]);
  });

  it("lets a custom picker choose the template, or none", async () => {
    const messenger = new RecordingMessenger();
    messenger.failNextSend({ requiresTemplate: true });
    const result = await notifyMissionStatus(await mission(), "arrived", { messenger, templates: () => undefined });
    expect(result).toEqual({ messageIds: [], usedTemplate: false, notSent: 1 });
  });
});
