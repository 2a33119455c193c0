import { readFile } from "node:fs/promises";
import { ALERT_KINDS, ALERT_SEVERITIES, ALERT_STATES } from "@toktok/analytics";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { API_ERROR_CODES } from "./error-codes.ts";
import { PERIODS } from "./periods.ts";
import { PROMOTION_SKIP_REASONS } from "./promotion-port.ts";
import { promotionBody } from "./promotion-route.ts";
import { ROUTES } from "./routes.ts";

const spec = parse(await readFile(new URL("./openapi.yaml", import.meta.url), "utf8"));
// Paths with their own `servers` live under another prefix (the inbox's /api/inbox, tested in
// src/inbox/openapi.test.ts); the rest are the analytics API's.
const documented = Object.keys(spec.paths as Record<string, { servers?: unknown }>).filter(
  (path) => spec.paths[path].servers === undefined,
);
const example = (path: string) =>
  path.replace("{flow}", "courier").replace("{id}", "alert-1").replace("{companyId}", "m-1");
const methodsOf = (path: string) => Object.keys(spec.paths[path] as object).map((m) => m.toUpperCase());

describe("openapi.yaml", () => {
  it("is OpenAPI 3.1 with a bearer JWT required globally", () => {
    expect(spec.openapi).toBe("3.1.0");
    expect(spec.security).toEqual([{ bearerJwt: [] }]);
    expect(spec.components.securitySchemes.bearerJwt).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("documents exactly the routes the handler serves", () => {
    for (const path of documented) {
      for (const method of methodsOf(path)) {
        expect(
          ROUTES.some((r) => r.pattern.test(example(path)) && (r.method ?? "GET") === method),
          `${method} ${path} has no route`,
        ).toBe(true);
      }
    }
    for (const route of ROUTES) {
      expect(
        documented.some((p) => route.pattern.test(example(p)) && methodsOf(p).includes(route.method ?? "GET")),
        `${route.method ?? "GET"} ${route.pattern} is undocumented`,
      ).toBe(true);
    }
  });

  it("documents a success, 400, 401 and 403 on every operation", () => {
    for (const path of documented) {
      for (const operation of Object.values(spec.paths[path] as Record<string, { responses: object }>)) {
        const codes = Object.keys(operation.responses);
        expect(codes, path).toEqual(expect.arrayContaining(["400", "401", "403"]));
        // Success is 200, or 202 for what is queued rather than done (POST /promotions).
        expect(
          codes.filter((c) => c === "200" || c === "202"),
          path,
        ).toHaveLength(1);
      }
    }
  });

  it("lists exactly the alert kinds of @toktok/analytics wherever an alert type is an enum", () => {
    const enums: unknown[] = [];
    const walk = (node: unknown, key: string): void => {
      if (typeof node !== "object" || node === null) return;
      const n = node as Record<string, unknown>;
      if (key === "type" && Array.isArray(n.enum)) enums.push(n.enum);
      for (const [k, v] of Object.entries(n)) walk(v, k);
    };
    walk(spec.components.schemas.Alert, "");
    walk(spec.paths["/alerts"], "");
    expect(enums.length).toBeGreaterThanOrEqual(2);
    for (const e of enums) expect(e).toEqual([...ALERT_KINDS]);
  });

  /** Every `enum` found under `node` at a key named `key`, however deep. */
  const enumsAt = (node: unknown, key: string): unknown[] => {
    const found: unknown[] = [];
    const walk = (n: unknown, k: string): void => {
      if (typeof n !== "object" || n === null) return;
      const o = n as Record<string, unknown>;
      if (k === key && Array.isArray(o.enum)) found.push(o.enum);
      for (const [ck, cv] of Object.entries(o)) walk(cv, ck);
    };
    walk(node, "");
    return found;
  };

  it("lists the alert severities and alert record states of @toktok/analytics", () => {
    expect(enumsAt(spec, "severity")).toEqual([[...ALERT_SEVERITIES]]);
    expect(spec.components.schemas.AlertRecord.properties.state.enum).toEqual([...ALERT_STATES]);
    expect(enumsAt(spec.components.schemas, "state")).toEqual([[...ALERT_STATES]]);
  });

  it("lists exactly the periods of periods.ts, which every period parameter refers to", () => {
    expect(spec.components.schemas.Period.enum).toEqual([...PERIODS]);
    const params = spec.components.parameters as Record<string, { name: string; schema: { $ref?: string } }>;
    for (const [id, p] of Object.entries(params)) {
      if (p.name === "period") expect(p.schema.$ref, id).toBe("#/components/schemas/Period");
    }
  });

  it("lists exactly the error codes of error-codes.ts, and every example error is one of them", () => {
    expect(spec.components.schemas.Error.properties.error.enum).toEqual([...API_ERROR_CODES]);
    const examples: string[] = [];
    const walk = (n: unknown, k: string): void => {
      if (typeof n !== "object" || n === null) return;
      const o = n as Record<string, unknown>;
      if (k === "example" && typeof o.error === "string") examples.push(o.error);
      for (const [ck, cv] of Object.entries(o)) walk(cv, ck);
    };
    walk(spec, "");
    expect(examples.length).toBeGreaterThan(0);
    for (const code of examples) expect(API_ERROR_CODES, code).toContain(code);
  });

  it("documents the promotion body's fields (the required ones too) and every skip reason", () => {
    const operation = spec.paths["/promotions"].post;
    const body = operation.requestBody.content["application/json"].schema;
    expect(Object.keys(body.properties).sort()).toEqual(Object.keys(promotionBody.shape).sort());
    const required = Object.entries(promotionBody.shape).flatMap(([key, field]) =>
      field.safeParse(undefined).success ? [] : [key],
    );
    expect([...body.required].sort()).toEqual(required.sort());
    expect(Object.keys(operation.responses)).toContain("202");
    expect(operation.responses["200"]).toBeUndefined();
    const answer = spec.paths["/promotions/{id}"].get.responses["200"].content["application/json"].schema;
    expect(answer.properties.skipped.required).toEqual([...PROMOTION_SKIP_REASONS]);
  });
});
