import { allMissionStatuses, allOrderStatuses, paymentMethods } from "@toktok/flows";
import { RecordingMessenger } from "@toktok/flows/testing";
import { createLogger } from "@toktok-example/shared";
import { describe, expect, it } from "vitest";
import { createRelayApp, type RelayAppOptions } from "../app.ts";
import { StoreUnavailableError } from "../errors.ts";
import { MemoryIdempotencyStore } from "../idempotency/memory-store.ts";
import type { IdempotencyStore } from "../idempotency/types.ts";
import { createRelay } from "../relay.ts";
import { signEvent } from "../signature.ts";
import { acceptedMission } from "./fixtures.ts";
import { componentSchema, expectDocumented, spec } from "./openapi-check.ts";

// Every answer of the relay, the rare ones included (store away, unexpected failure, shutting down),
// checked against openapi.yaml: documented status, JSON body in the documented schema, headers.
const SECRET = "openapi-test-secret-0123456789";
const logger = createLogger("silent");

function app(store: IdempotencyStore = new MemoryIdempotencyStore(), options: Partial<RelayAppOptions> = {}) {
  const relay = createRelay({
    messenger: new RecordingMessenger(),
    store,
    ttlMs: 60_000,
    leaseMs: 15_000,
    locale: "fr",
    logger,
  });
  return createRelayApp({ secret: SECRET, toleranceSeconds: 300, relay, logger, ...options });
}
const post = (target: ReturnType<typeof app>, eventId: string) => {
  const body = JSON.stringify({ eventId, type: "mission.status_changed", mission: acceptedMission("1") });
  return target.request("/events", {
    method: "POST",
    headers: { "content-type": "application/json", ...signEvent(SECRET, body) },
    body,
  });
};
class StoreAway extends MemoryIdempotencyStore {
  override async begin(): Promise<never> {
    throw new StoreUnavailableError(new Error("connect ECONNREFUSED 127.0.0.1:6390"));
  }
}

describe("openapi.yaml's enums", () => {
  it("are the statuses and payment methods of @toktok/flows, the one list the event schema also uses", () => {
    const schemas = spec.components.schemas as Record<
      string,
      { enum?: string[]; properties?: Record<string, { enum?: string[] }> }
    >;
    expect(schemas.MissionStatus?.enum).toEqual([...allMissionStatuses]);
    expect(schemas.OrderStatus?.enum).toEqual([...allOrderStatuses]);
    expect(schemas.Order?.properties?.payment?.enum).toEqual([...paymentMethods]);
  });
});

describe("the relay's answers against openapi.yaml", () => {
  it("documents a JSON body for every answer of every operation", () => {
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (path === "/openapi.yaml") continue;
          expect(response.content?.["application/json"], `${method} ${path} ${status}`).toBeDefined();
        }
      }
    }
  });

  it("serves every documented route, and answers any other with a JSON 404", async () => {
    const relay = app();
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const method of Object.keys(operations)) {
        expect((await relay.request(path, { method: method.toUpperCase() })).status, path).not.toBe(404);
      }
    }
    const res = await relay.request("/nowhere");
    expect(res.status).toBe(404);
    expect(componentSchema("Error").safeParse(await res.json()).success).toBe(true);
  });

  it("409 while another worker holds the lease, with Retry-After: the lease left", async () => {
    const store = new MemoryIdempotencyStore();
    await store.begin("oa-409", { leaseMs: 15_000, ttlMs: 60_000 });
    const res = await post(app(store), "oa-409");
    expect(res.status).toBe(409);
    expect(await expectDocumented(res, "/events")).toEqual({ eventId: "oa-409", status: "in_progress" });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(14);
  });

  it("503 store_unavailable with Retry-After when the store is away, and health says so", async () => {
    const relay = app(new StoreAway(), { health: { redis: () => Promise.reject(new Error("down")) } });
    const res = await post(relay, "oa-503");
    expect(res.status).toBe(503);
    expect(await expectDocumented(res, "/events")).toMatchObject({ status: "failed", error: "store_unavailable" });
    for (const path of ["/healthz", "/readyz"]) {
      const health = await relay.request(path);
      expect(health.status).toBe(503);
      expect(await expectDocumented(health, path, "get")).toEqual({ status: "down", checks: { redis: "down" } });
    }
  });

  it("500 on an unexpected failure is JSON and tells nothing of the cause", async () => {
    class Broken extends MemoryIdempotencyStore {
      override async begin(): Promise<never> {
        throw new Error("secret internals");
      }
    }
    const res = await post(app(new Broken()), "oa-500");
    expect(res.status).toBe(500);
    const body = await expectDocumented(res, "/events");
    expect(body).toMatchObject({ error: "internal_error" });
    expect(JSON.stringify(body)).not.toContain("secret internals");
  });

  it("/readyz is 503 while shutting down, /healthz still ok", async () => {
    const relay = app(undefined, { closing: () => true });
    const ready = await relay.request("/readyz");
    expect(ready.status).toBe(503);
    expect(await expectDocumented(ready, "/readyz", "get")).toEqual({ status: "down", checks: {} });
    expect((await relay.request("/healthz")).status).toBe(200);
  });

  it("reports a dependency that does not answer as down within a second", async () => {
    const relay = app(undefined, { health: { redis: () => new Promise(() => {}) } });
    const started = Date.now();
    const res = await relay.request("/healthz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "down", checks: { redis: "down" } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
