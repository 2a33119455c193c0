// Keeps openapi/backend.yaml honest: every request HttpBackend makes must be a documented
// path and method, every documented operation must be one HttpBackend uses, and every body it
// sends must fit the documented request schema (no undocumented field, no required one missing).
// The answers' schemas are checked against the zod wire schemas in openapi-schemas.test.ts.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { at, backendSpec, shape, strayFrom } from "../test-support/openapi-shape.js";
import { type ReferenceServer, startReferenceServer } from "../test-support/reference-server.js";
import { HttpBackend } from "./http-backend.js";
import { MemoryBackend } from "./memory-backend.js";

const spec = readFileSync(new URL("../../openapi/backend.yaml", import.meta.url), "utf8");

/** `METHOD /path/{param}` of every operation in the spec. */
function operations(yaml: string): string[] {
  const ops: string[] = [];
  let path: string | undefined;
  for (const line of yaml.split("\n")) {
    const p = /^ {2}(\/\S*):\s*$/.exec(line);
    if (p) path = p[1];
    else if (/^\S/.test(line)) path = undefined;
    const m = /^ {4}(get|post|put|patch|delete):/.exec(line);
    if (m && path) ops.push(`${m[1]?.toUpperCase()} ${path}`);
  }
  return ops;
}

const matches = (op: string, request: string): boolean => {
  const [method, template] = op.split(" ");
  const [rMethod, rPath] = request.split(" ");
  const pattern = new RegExp(`^${(template ?? "").replace(/\{[^}]+\}/g, "[^/]+")}$`);
  return method === rMethod && pattern.test((rPath ?? "").replace(/^\/v1/, "").replace(/\?.*$/, ""));
};

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer(new MemoryBackend());
});
afterAll(() => server.close());

it("documents exactly the operations HttpBackend calls, and the bodies it sends", async () => {
  const ops = operations(spec);
  expect(ops.length).toBeGreaterThan(15);
  const b = new HttpBackend({ baseUrl: server.url });
  const user = await b.users.create({ phone: "242061234567", name: "Aline", role: "client" });
  await b.users.findByPhone(user.phone);
  expect((await b.users.update?.(user.phone, { name: "Aline Ngoma" }))?.name).toBe("Aline Ngoma");
  const shop = await b.users.create({
    phone: "242055511122",
    name: "Bruno",
    role: "entreprise",
    businessName: "Chez Bruno",
    businessCategoryId: "restaurants",
    businessAddress: "Avenue de la Paix, Poto-Poto",
  });
  expect(shop).toMatchObject({ businessCategoryId: "restaurants", businessAddress: "Avenue de la Paix, Poto-Poto" });
  const quote = await b.missions.quote({ pickup: {}, destination: {}, parcelValue: 1000 });
  expect(quote.price).toBeGreaterThan(0);
  const m = await b.missions.create({
    clientPhone: user.phone,
    pickup: { address: "Poto-Poto" },
    destination: { address: "Bacongo" },
    parcelValue: 1000,
    description: "documents",
    recipient: { name: "Marie", phone: "+242069876543" },
    payment: "mtn_momo",
    paymentReference: "pay_01",
  });
  expect(m).toMatchObject({ payment: "mtn_momo", paymentReference: "pay_01" });
  await b.missions.get(m.reference);
  await b.missions.list({ clientPhone: user.phone });
  await b.missions.list({ createdOn: "2026-11-21" });
  await b.missions.accept(m.id, { id: "d1", name: "Jean", phone: "242055500001" });
  await b.missions.updateStatus(m.id, "pickup_arrived");
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
  expect((await b.missions.reschedule?.(m.id, tomorrow))?.scheduledAt).toBe(tomorrow);
  for (const s of ["picked_up", "in_transit", "arrived", "delivered"] as const) await b.missions.updateStatus(m.id, s);
  const proof = {
    kind: "photo",
    at: "2026-11-21T10:00:00.000Z",
    mediaId: "media-1",
    location: "proofs/p.jpg",
  } as const;
  expect((await b.missions.recordProof?.(m.id, proof))?.proof).toEqual(proof);
  const o = await b.orders.create({
    clientPhone: user.phone,
    merchantId: "epicerie-plateau",
    items: [{ productId: "riz-5kg", quantity: 1 }],
    address: { address: "Moungali" },
    payment: "cash",
  });
  await b.orders.create({
    clientPhone: user.phone,
    merchantId: "epicerie-plateau",
    items: [{ productId: "riz-5kg", quantity: 2 }],
    address: { address: "Moungali" },
    payment: "mtn_momo",
    paymentReference: "pay_02",
  });
  await b.orders.get(o.reference);
  await b.orders.list({ merchantId: "epicerie-plateau" });
  await b.orders.updateStatus(o.id, "confirmed");
  expect((await b.orders.reschedule?.(o.id, tomorrow))?.scheduledAt).toBe(tomorrow);
  await b.catalogue.categories();
  await b.catalogue.merchants("epicerie");
  await b.catalogue.merchant("epicerie-plateau");
  await b.catalogue.products("epicerie-plateau");
  await b.catalogue.product("riz-5kg");

  const requests = server.requests.map((r) => r.line);
  for (const request of requests)
    expect(
      ops.some((op) => matches(op, request)),
      request,
    ).toBe(true);
  for (const op of ops)
    expect(
      requests.some((request) => matches(op, request)),
      op,
    ).toBe(true);

  const sent = server.requests.filter((r) => r.body !== undefined);
  expect(sent.map((r) => r.line.split(" ")[0])).toContain("POST");
  for (const { line, body } of sent) {
    const op = ops.find((o) => matches(o, line)) ?? "";
    const [method = "", template = ""] = op.split(" ");
    const schema = at(
      backendSpec,
      "paths",
      template,
      method.toLowerCase(),
      "requestBody",
      "content",
      "application/json",
      "schema",
    );
    expect(schema, `${line} sends a body the spec does not describe`).toBeDefined();
    expect(strayFrom(body, shape(schema)), line).toEqual([]);
  }
});
