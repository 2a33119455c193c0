import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BackendError, ConflictError, FlowsAbortError, FlowsValidationError, NotFoundError } from "../errors.js";
import { identifyWith } from "../flows/auth/auth-flow.js";
import { builtInFlows } from "../flows/built-in.js";
import { courierFlow } from "../flows/courier/courier-flow.js";
import { type ReferenceServer, startReferenceServer } from "../test-support/reference-server.js";
import { createTestConversation } from "../testing/test-conversation.js";
import { HttpBackend } from "./http-backend.js";
import { MemoryBackend } from "./memory-backend.js";

const KEY = "sk-test-secret";
let server: ReferenceServer;
let memory: MemoryBackend;

beforeEach(async () => {
  memory = new MemoryBackend({ now: () => Date.UTC(2026, 10, 21, 9, 0, 0) });
  server = await startReferenceServer(memory, KEY);
});
afterEach(() => server.close());

const http = (extra: Partial<ConstructorParameters<typeof HttpBackend>[0]> = {}) =>
  new HttpBackend({ baseUrl: server.url, apiKey: KEY, retry: { baseDelayMs: 1 }, ...extra });

const newMission = {
  clientPhone: "242061234567",
  pickup: { latitude: -4.2634, longitude: 15.2429 },
  destination: { address: "Bacongo" },
  parcelValue: 15000,
  description: "pagnes",
  recipient: { name: "Marie", phone: "+242069876543" },
};

describe("HttpBackend against a real node:http server", () => {
  it("creates, reads, accepts and updates missions with the API key and an idempotency key", async () => {
    const backend = http();
    const created = await backend.missions.create(newMission, { idempotencyKey: "wamid.1" });
    expect(created.reference).toBe("COUR-20261121-001");
    const again = await backend.missions.create(newMission, { idempotencyKey: "wamid.1" });
    expect(again.id).toBe(created.id);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(server.requests[0]?.headers["idempotency-key"]).toBe("wamid.1");

    expect(await backend.missions.get(created.reference)).toMatchObject({ id: created.id });
    expect(await backend.missions.get("COUR-20990101-999")).toBeUndefined();
    expect(await backend.missions.list({ status: "pending" })).toHaveLength(1);
    const driver = { id: "usr_1", name: "Jean", phone: "242055500001" };
    await backend.missions.accept(created.id, driver);
    const error = await backend.missions.accept(created.id, driver).catch((e: unknown) => e);
    expect(ConflictError.isInstance(error)).toBe(true);
    const moved = await backend.missions.updateStatus(created.id, "pickup_arrived", {
      location: { latitude: -4.26, longitude: 15.24 },
    });
    expect(moved.history.at(-1)).toMatchObject({ status: "pickup_arrived", location: { latitude: -4.26 } });
    expect(server.requests.map((r) => r.line)).toContain("GET /v1/missions?status=pending");
  });

  it("handles users and orders", async () => {
    const backend = http();
    expect(await backend.users.findByPhone("+242 06 123 4567")).toBeUndefined();
    const user = await backend.users.create({ phone: "242061234567", name: "Aline", role: "client" });
    expect(await backend.users.findByPhone("242061234567")).toEqual(user);
    const order = await backend.orders.create({
      clientPhone: "242061234567",
      merchantId: "chez-mama-ngudi",
      items: [{ productId: "poulet-braise", quantity: 2 }],
      address: { address: "Bacongo" },
      payment: "cash",
    });
    expect(order.total).toBe(8000);
    expect((await backend.orders.updateStatus(order.id, "confirmed")).status).toBe("confirmed");
    expect(await backend.orders.list({ merchantId: "chez-mama-ngudi" })).toHaveLength(1);
  });

  it("renames a user (PATCH users/by-phone/…): unknown number NotFoundError, empty name refused by the server", async () => {
    const backend = http();
    await backend.users.create({ phone: "242061234567", name: "Aline", role: "client" });
    const renamed = await backend.users.update?.("+242 06 123 4567", { name: "Aline Mabiala" });
    expect(renamed).toMatchObject({ phone: "242061234567", name: "Aline Mabiala" });
    expect((await memory.users.findByPhone("242061234567"))?.name).toBe("Aline Mabiala");
    expect(server.requests.at(-1)).toMatchObject({
      line: "PATCH /v1/users/by-phone/242061234567",
      body: { name: "Aline Mabiala" },
    });
    const unknown = await backend.users.update?.("242069999999", { name: "Marie" }).catch((e: unknown) => e);
    expect(NotFoundError.isInstance(unknown)).toBe(true);
    expect(String((unknown as Error).message)).not.toContain("242069999999");
    const empty = await backend.users.update?.("242061234567", { name: " " }).catch((e: unknown) => e);
    expect(BackendError.isInstance(empty) && empty.status).toBe(422);
    expect((await memory.users.findByPhone("242061234567"))?.name).toBe("Aline Mabiala");
  });

  it("reschedules a mission until its parcel is picked up: a past time 422, after the pickup ConflictError", async () => {
    const backend = http();
    const m = await backend.missions.create(newMission);
    await backend.missions.accept(m.id, { id: "d1", name: "Jean", phone: "242055500001" });
    const at = "2026-11-22T09:00:00.000Z";
    const moved = await backend.missions.reschedule?.(m.reference, at, { idempotencyKey: "wamid.r1" });
    expect(moved).toMatchObject({ reference: m.reference, status: "accepted", scheduledAt: at });
    expect(server.requests.at(-1)).toMatchObject({
      line: `POST /v1/missions/${m.reference}/reschedule`,
      body: { scheduledAt: at },
    });
    expect((await memory.missions.get(m.id))?.scheduledAt).toBe(at);
    const past = await backend.missions.reschedule?.(m.id, "2026-11-21T08:00:00Z").catch((e: unknown) => e);
    expect(BackendError.isInstance(past) && past.status).toBe(422);
    await backend.missions.updateStatus(m.id, "pickup_arrived");
    await backend.missions.updateStatus(m.id, "picked_up");
    const late = await backend.missions.reschedule?.(m.id, at).catch((e: unknown) => e);
    expect(ConflictError.isInstance(late)).toBe(true);
  });

  it("records a delivered mission's proof: the photo's media id, then its location; 409 before the delivery", async () => {
    const backend = http();
    const m = await backend.missions.create(newMission);
    const proof = { kind: "photo", at: "2026-11-21T09:30:00.000Z", mediaId: "media-7" } as const;
    const early = await backend.missions.recordProof?.(m.id, proof).catch((e: unknown) => e);
    expect(ConflictError.isInstance(early)).toBe(true);
    await backend.missions.accept(m.id, { id: "d1", name: "Jean", phone: "242055500001" });
    for (const s of ["pickup_arrived", "picked_up", "in_transit", "arrived", "delivered"] as const) {
      await backend.missions.updateStatus(m.id, s);
    }
    const kept = await backend.missions.recordProof?.(
      m.reference,
      { ...proof, location: "proofs/m.jpg" },
      { idempotencyKey: "proof:m" },
    );
    expect(kept?.proof).toEqual({ ...proof, location: "proofs/m.jpg" });
    expect(server.requests.at(-1)).toMatchObject({
      line: `POST /v1/missions/${m.reference}/proof`,
      body: { ...proof, location: "proofs/m.jpg" },
    });
    expect((await backend.missions.get(m.id))?.proof).toEqual(kept?.proof);
    const noMedia = await backend.missions
      .recordProof?.(m.id, { kind: "photo", at: proof.at })
      .catch((e: unknown) => e);
    expect(BackendError.isInstance(noMedia) && noMedia.status).toBe(422);
  });

  it("reschedules an order while it is at the shop, ready included: a past time 422, in delivery ConflictError", async () => {
    const backend = http();
    const o = await backend.orders.create({
      clientPhone: "242061234567",
      merchantId: "chez-mama-ngudi",
      items: [{ productId: "poulet-braise", quantity: 1 }],
      address: { address: "Bacongo" },
      payment: "cash",
    });
    await backend.orders.updateStatus(o.id, "confirmed");
    await backend.orders.updateStatus(o.id, "ready");
    const at = "2026-11-21T18:30:00.000Z";
    const moved = await backend.orders.reschedule?.(o.reference, at, { idempotencyKey: "wamid.o1" });
    expect(moved).toMatchObject({ reference: o.reference, status: "ready", scheduledAt: at });
    expect(server.requests.at(-1)).toMatchObject({
      line: `POST /v1/orders/${o.reference}/reschedule`,
      body: { scheduledAt: at },
    });
    expect(server.requests.at(-1)?.headers["idempotency-key"]).toBe("wamid.o1");
    expect((await memory.orders.get(o.id))?.scheduledAt).toBe(at);
    const past = await backend.orders.reschedule?.(o.id, "2026-11-21T08:00:00Z").catch((e: unknown) => e);
    expect(BackendError.isInstance(past) && past.status).toBe(422);
    expect(String((past as Error).message)).toContain("scheduledAt");
    await backend.orders.updateStatus(o.id, "in_delivery");
    const late = await backend.orders.reschedule?.(o.id, at).catch((e: unknown) => e);
    expect(ConflictError.isInstance(late)).toBe(true);
    const unknown = await backend.orders.reschedule?.("CMD-20990101-999", at).catch((e: unknown) => e);
    expect(NotFoundError.isInstance(unknown)).toBe(true);
  });

  it("carries a mission's and an order's payment and a business's sign-up fields both ways", async () => {
    const backend = http();
    const paid = await backend.missions.create({ ...newMission, payment: "airtel_money", paymentReference: "MP2611" });
    expect(paid).toMatchObject({ payment: "airtel_money", paymentReference: "MP2611" });
    expect(server.requests.at(-1)?.body).toMatchObject({ payment: "airtel_money", paymentReference: "MP2611" });
    expect(await backend.missions.get(paid.reference)).toMatchObject({ payment: "airtel_money" });
    const cash = await backend.missions.create(newMission);
    expect(cash.payment).toBeUndefined();
    const stray = await backend.missions
      .create({ ...newMission, payment: "cash", paymentReference: "MP2612" })
      .catch((e: unknown) => e);
    expect(BackendError.isInstance(stray) && stray.status).toBe(422);
    expect(String((stray as Error).message)).toContain("paymentReference");

    const shop = await backend.users.create({
      phone: "242055511122",
      name: "Bruno",
      role: "entreprise",
      businessName: "Chez Bruno",
      businessCategoryId: "restaurants",
      businessAddress: "Avenue de la Paix, Poto-Poto",
    });
    expect(shop).toMatchObject({ businessCategoryId: "restaurants", businessAddress: "Avenue de la Paix, Poto-Poto" });
    expect(await backend.users.findByPhone("242055511122")).toEqual(shop);

    const order = await backend.orders.create({
      clientPhone: "242061234567",
      merchantId: "chez-mama-ngudi",
      items: [{ productId: "poulet-braise", quantity: 1 }],
      address: { address: "Bacongo" },
      payment: "mtn_momo",
      paymentReference: "pay-42",
    });
    expect(await backend.orders.get(order.reference)).toMatchObject({
      payment: "mtn_momo",
      paymentReference: "pay-42",
    });
  });

  it("lists the missions of one day (createdOn, Brazzaville day) over HTTP", async () => {
    const backend = http();
    const m = await backend.missions.create(newMission);
    expect((await backend.missions.list({ createdOn: "2026-11-21" })).map((x) => x.id)).toEqual([m.id]);
    expect(server.requests.at(-1)?.line).toBe("GET /v1/missions?createdOn=2026-11-21");
    expect(await backend.missions.list({ createdOn: "2026-11-20" })).toEqual([]);
  });

  it("changes the name from 'Mon compte' over HTTP", async () => {
    const backend = http();
    await backend.users.create({ phone: "242061234567", name: "Aline Ngoma", role: "client" });
    const chat = createTestConversation({
      flows: builtInFlows({ backend }),
      authFlow: "auth",
      identify: identifyWith(backend),
      user: "242061234567",
    });
    await chat.send("menu");
    const account = await chat.tap("flow:auth");
    expect(account.options).toContain("account:name");
    await chat.tap("account:name");
    const done = await chat.send("Aline Mabiala");
    expect(done.text).toContain("vous êtes *Aline Mabiala*");
    expect((await memory.users.findByPhone("242061234567"))?.name).toBe("Aline Mabiala");
  });

  it("caches catalogue reads", async () => {
    const backend = http();
    const first = await backend.catalogue.categories();
    const second = await backend.catalogue.categories();
    expect(second).toEqual(first);
    expect(await backend.catalogue.products("chez-mama-ngudi")).toHaveLength(3);
    await backend.catalogue.products("chez-mama-ngudi");
    expect(await backend.catalogue.product("nope")).toBeUndefined();
    expect(await backend.catalogue.product("nope")).toBeUndefined();
    expect(server.requests.map((r) => r.line)).toEqual([
      "GET /v1/catalogue/categories",
      "GET /v1/catalogue/merchants/chez-mama-ngudi/products",
      "GET /v1/catalogue/products/nope",
    ]);
  });

  it("shares one request between concurrent catalogue misses", async () => {
    const backend = http();
    server.delayMs = 20;
    const all = await Promise.all(Array.from({ length: 10 }, () => backend.catalogue.products("epicerie-plateau")));
    expect(new Set(all.map((p) => p.length))).toEqual(new Set([3]));
    expect(server.requests).toHaveLength(1);
  });

  it("retries 5xx on reads but not a POST without an idempotency key", async () => {
    const backend = http();
    server.failures.push(503, 502);
    expect(await backend.catalogue.categories()).toHaveLength(3);
    expect(server.requests).toHaveLength(3);

    server.failures.push(503);
    const error = await backend.users
      .create({ phone: "242061234567", name: "Aline", role: "client" })
      .catch((e: unknown) => e);
    expect(BackendError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 503, retryable: true });
    // A quote changes nothing: retried like a read.
    server.failures.push(503);
    expect((await backend.missions.quote({ pickup: {}, destination: {}, parcelValue: 0 })).price).toBeGreaterThan(0);

    server.failures.push(500);
    expect((await backend.missions.create(newMission, { idempotencyKey: "k2" })).reference).toMatch(/^COUR-/);
  });

  it("gives up after the retries and times out slow answers", async () => {
    server.failures.push(503, 503, 503, 503);
    const error = await http({ retry: { maxRetries: 2, baseDelayMs: 1 } })
      .catalogue.categories()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(3);

    server.failures.length = 0;
    server.delayMs = 300;
    const slow = await http({ timeoutMs: 50, retry: { maxRetries: 0 } })
      .missions.list({})
      .catch((e: unknown) => e);
    expect(BackendError.isInstance(slow)).toBe(true);
    expect(String((slow as Error).message)).toContain("timed out after 50 ms");
    expect(String((slow as Error).message)).not.toContain(KEY);
  });

  it("reports a connection failure and an unexpected answer as BackendError", async () => {
    const down = new HttpBackend({ baseUrl: "http://127.0.0.1:9/v1", retry: { maxRetries: 1, baseDelayMs: 1 } });
    const refused = await down.catalogue.categories().catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: "BackendError", retryable: true });
    const wrongKey = await new HttpBackend({ baseUrl: server.url, apiKey: "wrong" }).missions
      .list({})
      .catch((e: unknown) => e);
    expect(wrongKey).toMatchObject({ status: 401 });
    expect(String((wrongKey as Error).message)).not.toContain("wrong");
    server.delayMs = 200;
    const slowUser = await http({ timeoutMs: 20, retry: { maxRetries: 0 } })
      .users.findByPhone("242061234567")
      .catch((e: unknown) => e);
    expect(String((slowUser as Error).message)).toContain("242****67");
    expect(String((slowUser as Error).message)).not.toContain("242061234567");
  });

  it("runs the courier flow end to end over HTTP", async () => {
    const chat = createTestConversation({ flows: [courierFlow({ backend: http() })] });
    await chat.send("envoyer un colis");
    await chat.shareLocation(-4.2634, 15.2429);
    await chat.send("Bacongo");
    await chat.send("15000");
    await chat.send("pagnes");
    await chat.send("Marie 06 987 6543");
    const done = await chat.tap("courier:confirm");
    expect(done.text).toContain("COUR-20261121-001");
    expect((await memory.missions.list({}))[0]).toMatchObject({
      parcelValue: 15000,
      recipient: { phone: "+242069876543" },
    });
  });

  it("rejects an answer that breaks the API contract with the field's path", async () => {
    const { createServer } = await import("node:http");
    const bad = createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify([{ id: "x", name: "Restaurants" }])); // emoji missing
    });
    await new Promise<void>((r) => bad.listen(0, "127.0.0.1", r));
    const port = (bad.address() as { port: number }).port;
    const error = await new HttpBackend({ baseUrl: `http://127.0.0.1:${port}` }).catalogue
      .categories()
      .catch((e: unknown) => e);
    await new Promise((r) => bad.close(r));
    expect(BackendError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toContain("unexpected answer at [0].emoji");
  });

  it("validates its options", () => {
    expect(() => new HttpBackend({ baseUrl: "ftp://x" })).toThrow(FlowsValidationError);
    expect(() => new HttpBackend({ baseUrl: "http://x", timeoutMs: 0 })).toThrow(/timeoutMs/);
    const field = (options: unknown) => {
      try {
        new HttpBackend(options as ConstructorParameters<typeof HttpBackend>[0]);
      } catch (error) {
        return FlowsValidationError.isInstance(error) ? error.field : "not a validation error";
      }
      return "accepted";
    };
    expect(field({ baseUrl: "http://x", retry: { maxRetries: -1 } })).toBe("retry.maxRetries");
    expect(field({ baseUrl: "http://x", catalogueTtlMs: 1.5 })).toBe("catalogueTtlMs");
    expect(field({ baseUrl: "http://x", cache: { get: () => undefined } })).toBe("cache");
    expect(field({ baseUrl: "http://x", dispatcher: {} })).toBe("dispatcher");
  });

  it("applies its schema's defaults: 2 retries, a 60 s catalogue TTL", async () => {
    server.failures.push(503, 503, 503, 503);
    const error = await http()
      .catalogue.categories()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(3);

    const ttls: Array<number | undefined> = [];
    const cache = { get: () => undefined, set: (_k: string, _v: unknown, o?: { ttl?: number }) => ttls.push(o?.ttl) };
    await http({ cache }).catalogue.categories();
    expect(ttls).toEqual([60_000]);
  });

  it("cancels a call with an AbortSignal: FlowsAbortError carrying the reason, in flight, before and between tries", async () => {
    server.delayMs = 200;
    const controller = new AbortController();
    const pending = http()
      .missions.list({}, { signal: controller.signal })
      .catch((e: unknown) => e);
    const reason = new Error("user left");
    controller.abort(reason);
    const inFlight = await pending;
    expect(FlowsAbortError.isInstance(inFlight)).toBe(true);
    expect(inFlight).toMatchObject({
      code: "FLOWS_ABORTED",
      retryable: false,
      operation: "GET /v1/missions",
      cause: reason,
    });

    const before = await http()
      .catalogue.categories({ signal: AbortSignal.abort("gone") })
      .catch((e: unknown) => e);
    expect(FlowsAbortError.isInstance(before)).toBe(true);
    expect((before as Error).cause).toBe("gone");

    server.delayMs = 0;
    server.failures.push(503, 503, 503);
    const backingOff = new AbortController();
    const sent = server.requests.length;
    const retried = http({ retry: { maxRetries: 3, baseDelayMs: 10_000 } })
      .catalogue.categories({ signal: backingOff.signal })
      .catch((e: unknown) => e);
    while (server.requests.length === sent) await new Promise((r) => setTimeout(r, 5));
    backingOff.abort();
    expect(FlowsAbortError.isInstance(await retried)).toBe(true);
    expect(server.requests).toHaveLength(sent + 1);
  });
});
