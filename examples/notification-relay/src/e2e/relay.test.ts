import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
// The Graph API stand-in of the delivery-bot example: the relay's WhatsApp calls go to loopback.
import { type GraphStandIn, startGraphStandIn } from "../../../delivery-bot/src/simulator/graph-stand-in.ts";
import { loadRelayConfig } from "../config.ts";
import { relayEventSchema } from "../event-schema.ts";
import { type RunningRelay, startRelay } from "../server.ts";
import { signEvent } from "../signature.ts";
import { acceptedMission, newOrder } from "./fixtures.ts";
import { expectDocumented } from "./openapi-check.ts";

const SECRET = "relay-test-secret-0123456789";

describe("notification relay over HTTP", () => {
  let graph: GraphStandIn;
  let relay: RunningRelay;
  beforeAll(async () => {
    graph = await startGraphStandIn({ accessToken: "EAAG-relay", phoneNumberId: "777" });
    relay = await startRelay(
      loadRelayConfig({
        PORT: "0",
        HOST: "127.0.0.1",
        RELAY_SECRET: SECRET,
        WHATSAPP_TOKEN: "EAAG-relay",
        WHATSAPP_PHONE_NUMBER_ID: "777",
        WHATSAPP_API_BASE_URL: graph.url,
        LOG_LEVEL: "silent",
      }),
    );
  });
  afterAll(async () => {
    await relay.close();
    await graph.close();
  });

  const post = (body: string, headers: Record<string, string> = signEvent(SECRET, body)) =>
    fetch(`${relay.url}/events`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const sentTo = (digits: string) => graph.messages.filter((m) => m.to.replace(/\D/g, "") === digits);

  it("sends the mission notifications: status text to the client, with the driver's contact card", async () => {
    const body = JSON.stringify({
      eventId: "m-1-accepted",
      type: "mission.status_changed",
      mission: acceptedMission("1"),
    });
    const res = await post(body);
    expect(res.status).toBe(200);
    const answer = (await expectDocumented(res, "/events")) as { status: string; messageIds: string[] };
    expect(answer.status).toBe("sent");
    expect(answer.messageIds.length).toBeGreaterThan(0);
    const toClient = sentTo("242061110001");
    // Every id the relay answered is a message the Graph API received.
    const received = new Set(graph.messages.map((m) => m.id));
    expect(answer.messageIds.every((id) => received.has(id))).toBe(true);
    expect(toClient.some((m) => m.type === "contacts")).toBe(true);
    expect(JSON.stringify(toClient.map((m) => m.body))).toContain("COUR-20261121-001");
  });

  it("is idempotent on eventId: a repeat answers duplicate with the same ids and sends nothing", async () => {
    const body = JSON.stringify({
      eventId: "m-2-accepted",
      type: "mission.status_changed",
      mission: acceptedMission("2"),
    });
    const first = (await (await post(body)).json()) as { messageIds: string[] };
    const count = graph.messages.length;
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: "duplicate", messageIds: first.messageIds });
    expect(graph.messages.length).toBe(count);
  });

  it("sends once when the same event arrives many times at once", async () => {
    const body = JSON.stringify({
      eventId: "m-3-accepted",
      type: "mission.status_changed",
      mission: acceptedMission("3"),
    });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post(body).then((r) => expectDocumented(r, "/events"))),
    );
    const statuses = (answers as { status: string }[]).map((a) => a.status);
    expect(statuses.filter((s) => s === "sent")).toHaveLength(1);
    expect(statuses.every((s) => ["sent", "duplicate", "in_progress"].includes(s))).toBe(true);
    const ids = (answers.find((a) => (a as { status: string }).status === "sent") as { messageIds: string[] })
      .messageIds;
    expect(graph.messages.filter((m) => ids.includes(m.id))).toHaveLength(ids.length);
    expect(sentTo("242061110003").length).toBe(sentTo("242061110001").length);
  });

  it("refuses unsigned (401), badly signed, tampered and stale (403) requests without sending", async () => {
    const count = graph.messages.length;
    const body = JSON.stringify({ eventId: "m-4", type: "mission.status_changed", mission: acceptedMission("4") });
    const unsigned = await post(body, {});
    expect(unsigned.status).toBe(401);
    expect(await expectDocumented(unsigned, "/events")).toMatchObject({ error: "unauthenticated" });
    expect((await post(body, signEvent("another-secret-0123456789", body))).status).toBe(403);
    expect((await post(body.replace("2200", "1"), signEvent(SECRET, body))).status).toBe(403);
    const stale = signEvent(SECRET, body, Math.floor(Date.now() / 1000) - 3600);
    const res = await post(body, stale);
    expect(res.status).toBe(403);
    expect(await expectDocumented(res, "/events")).toMatchObject({ error: "forbidden", message: "signature expired" });
    expect(graph.messages.length).toBe(count);
  });

  it("answers 400 naming the invalid field", async () => {
    const mission = { ...acceptedMission("5"), clientPhone: "call me" };
    const res = await post(JSON.stringify({ eventId: "m-5", type: "mission.status_changed", mission }));
    expect(res.status).toBe(400);
    expect(await expectDocumented(res, "/events")).toMatchObject({
      error: "invalid_event",
      field: "mission.clientPhone",
    });
    const unknown = await post(JSON.stringify({ eventId: "x", type: "user.created" }));
    expect(await unknown.json()).toMatchObject({ field: "type" });
  });

  it("announces a new order to the client and to the merchant", async () => {
    const body = JSON.stringify({
      eventId: "o-1-pending",
      type: "order.status_changed",
      order: newOrder("1"),
      merchantPhone: "+242069990000",
    });
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(sentTo("242061120001").length).toBeGreaterThan(0);
    expect(sentTo("242069990000").length).toBeGreaterThan(0);
  });

  it("releases the event id when WhatsApp fails (502), so the backend's retry sends", async () => {
    const body = JSON.stringify({
      eventId: "m-6-accepted",
      type: "mission.status_changed",
      mission: acceptedMission("6"),
    });
    // WhatsApp down through the client's own retries (4 tries).
    graph.failNext(4, 503, 2);
    const failed = await post(body);
    expect(failed.status).toBe(502);
    expect(await expectDocumented(failed, "/events")).toMatchObject({
      status: "failed",
      error: "whatsapp_unavailable",
    });
    const retry = await post(body);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ status: "sent" });
  });

  it("answers 422 when WhatsApp refuses for good (not on WhatsApp), so the backend stops retrying", async () => {
    const body = JSON.stringify({
      eventId: "m-7-accepted",
      type: "mission.status_changed",
      mission: acceptedMission("7"),
    });
    // 131026: the recipient cannot receive this message (not on WhatsApp); and the template fails alike.
    graph.failNext(3, 400, 131026);
    const rejected = await post(body);
    expect(rejected.status).toBe(422);
    expect(await expectDocumented(rejected, "/events")).toMatchObject({ status: "failed", error: "whatsapp_rejected" });
  });

  it("refuses a body over 256 KiB with 413, even without content-length", async () => {
    const big = JSON.stringify({ eventId: "big", type: "mission.status_changed", pad: "x".repeat(300 * 1024) });
    const refused = await post(big);
    expect(refused.status).toBe(413);
    expect(await expectDocumented(refused, "/events")).toMatchObject({ error: "payload_too_large" });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const chunked = await fetch(`${relay.url}/events`, {
      method: "POST",
      headers: { "content-type": "application/json", ...signEvent(SECRET, big) },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it("serves its OpenAPI file, whose example is an event the relay accepts", async () => {
    const res = await fetch(`${relay.url}/openapi.yaml`);
    expect(res.status).toBe(200);
    const doc = parse(await res.text());
    expect(doc.openapi).toBe("3.1.0");
    const example = doc.paths["/events"].post.requestBody.content["application/json"].examples.missionAccepted.value;
    expect(relayEventSchema.safeParse(example).success).toBe(true);
    const onDisk = parse(await readFile(new URL("../../openapi.yaml", import.meta.url), "utf8"));
    expect(Object.keys(onDisk.paths)).toEqual(["/events", "/healthz", "/readyz", "/openapi.yaml"]);
  });

  it("is healthy and ready without Redis: no dependency to check", async () => {
    for (const path of ["/healthz", "/readyz"]) {
      const res = await fetch(`${relay.url}${path}`);
      expect(res.status).toBe(200);
      expect(await expectDocumented(res, path, "get")).toEqual({ status: "ok", checks: {} });
    }
  });

  it("answers an unknown route with a JSON 404", async () => {
    const res = await fetch(`${relay.url}/event`, { method: "POST" });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "not_found" });
  });
});
