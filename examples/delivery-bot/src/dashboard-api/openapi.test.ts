import { readFile } from "node:fs/promises";
import { ALERT_KINDS } from "@toktok/analytics";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
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

  it("documents 401 and 403 on every operation", () => {
    for (const path of documented) {
      for (const operation of Object.values(spec.paths[path] as Record<string, { responses: object }>)) {
        expect(Object.keys(operation.responses), path).toEqual(expect.arrayContaining(["200", "400", "401", "403"]));
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
});
