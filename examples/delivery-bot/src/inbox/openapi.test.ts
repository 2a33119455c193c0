// The inbox's routes (issue 22) against the dashboard's OpenAPI file, where they are documented
// with their own server (/api/inbox): every documented operation is served, every route documented.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { INBOX_ROUTES } from "./routes.ts";

const spec = parse(await readFile(new URL("../dashboard-api/openapi.yaml", import.meta.url), "utf8"));
type PathItem = { servers?: Array<{ url: string }> } & Record<string, { responses: Record<string, unknown> }>;
const paths = spec.paths as Record<string, PathItem>;
const inboxPaths = Object.keys(paths).filter((p) => paths[p]?.servers?.[0]?.url === "/api/inbox");
const operations = (path: string) => Object.keys(paths[path] ?? {}).filter((k) => k !== "servers");
const example = (path: string) => path.replace("{waId}", "242061234567");

describe("the inbox in openapi.yaml", () => {
  it("documents exactly the routes the inbox serves, each under /api/inbox", () => {
    const documented = inboxPaths.flatMap((p) => operations(p).map((m) => `${m.toUpperCase()} ${example(p)}`));
    for (const op of documented) {
      const [method, path] = op.split(" ") as [string, string];
      expect(
        INBOX_ROUTES.some((r) => r.method === method && r.pattern.test(path)),
        `${op} has no route`,
      ).toBe(true);
    }
    for (const route of INBOX_ROUTES) {
      expect(
        documented.some(
          (op) => op.startsWith(`${route.method} `) && route.pattern.test(op.slice(route.method.length + 1)),
        ),
        `${route.method} ${route.pattern} is undocumented`,
      ).toBe(true);
    }
  });

  it("documents 400, 401 and 403 on every inbox operation, and 409 on take", () => {
    for (const path of inboxPaths) {
      for (const method of operations(path)) {
        expect(Object.keys(paths[path]?.[method]?.responses ?? {}), `${method} ${path}`).toEqual(
          expect.arrayContaining(["200", "400", "401", "403"]),
        );
      }
    }
    expect(Object.keys(paths["/conversations/{waId}/take"]?.post?.responses ?? {})).toContain("409");
    expect(Object.keys(paths["/conversations/{waId}/messages"]?.post?.responses ?? {})).toContain("422");
  });
});
