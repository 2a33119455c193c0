import { readFile, stat } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { extname, resolve, sep } from "node:path";
import { sendText } from "./http.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/**
 * The page loads only its own bundle; the API is same-origin. `style-src 'unsafe-inline'` because uPlot
 * positions its legend and cursor with inline styles; no inline script is allowed.
 */
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Serves the built page (`vite build` output) under `/dashboard`: hashed assets with a year of caching,
 * and `index.html` for every other path so the page's own tabs can live in the URL.
 */
export async function serveDashboard(res: ServerResponse, dir: string, subPath: string): Promise<void> {
  const root = resolve(dir);
  const wanted = subPath === "" || subPath === "/" || !subPath.startsWith("/assets/") ? "/index.html" : subPath;
  const file = resolve(root, `.${decodeURIComponentSafe(wanted)}`);
  if (!file.startsWith(root + sep)) {
    sendText(res, 404, "text/plain; charset=utf-8", "not found");
    return;
  }
  let body: Buffer;
  try {
    if (!(await stat(file)).isFile()) throw new Error("not a file");
    body = await readFile(file);
  } catch {
    if (wanted === "/index.html") {
      sendText(
        res,
        503,
        "text/plain; charset=utf-8",
        "dashboard not built: run `pnpm --filter @toktok-example/delivery-bot build:dashboard`",
      );
    } else {
      sendText(res, 404, "text/plain; charset=utf-8", "not found");
    }
    return;
  }
  const immutable = wanted.startsWith("/assets/");
  res.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "content-length": body.length,
    "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    "content-security-policy": PAGE_CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  });
  res.end(res.req.method === "HEAD" ? undefined : body);
}

function decodeURIComponentSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return "/\0invalid";
  }
}
