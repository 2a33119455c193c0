import { type Analytics, groupDigits } from "@toktok/analytics";
import ExcelJS from "exceljs";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, expect, it } from "vitest";
import { mintDashboardToken, mountDashboard } from "./index.ts";
import { scriptedDay } from "./scripted-day.ts";
import { serveOnLoopback } from "./test-server.ts";

const SECRET = "exports-secret-of-at-least-32-characters";
let analytics: Analytics;
let server: { url: string; close(): Promise<void> };
let admin: string;

beforeAll(async () => {
  analytics = await scriptedDay();
  server = await serveOnLoopback(mountDashboard({ analytics, env: { DASHBOARD_JWT_SECRET: SECRET } }));
  admin = await mintDashboardToken({ secret: SECRET });
});
afterAll(async () => {
  await server?.close();
  await analytics?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: the API's JSON, read field by field
type Body = any;
const body = async (path: string): Promise<Body> => (await get(path)).json();
const get = (path: string) =>
  fetch(`${server.url}/api/analytics${path}`, { headers: { authorization: `Bearer ${admin}` } });

it("/export.xlsx opens with exceljs and its cells are the API's figures (numbers as numbers, days as dates)", async () => {
  const res = await get("/export.xlsx?from=2026-03-09&to=2026-03-10");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(res.headers.get("content-disposition")).toBe(
    'attachment; filename="toktok-export-2026-03-09_2026-03-10.xlsx"',
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await res.arrayBuffer()) as Parameters<typeof workbook.xlsx.load>[0]);
  const { days } = await body("/daily?from=2026-03-09&to=2026-03-10");
  const sheet = workbook.getWorksheet("Jours");
  expect(sheet?.rowCount).toBe(days.length + 1);
  days.forEach((d: Record<string, number | string>, i: number) => {
    const row = sheet?.getRow(i + 2);
    expect(row?.getCell(1).value).toEqual(new Date(`${d.period}T00:00:00Z`));
    expect([2, 3, 4, 5, 6, 7].map((c) => row?.getCell(c).value)).toEqual([
      d.sessions,
      d.activeUsers,
      d.messages,
      d.conversions,
      d.revenueXaf,
      d.errors,
    ]);
  });
  // Tuesday, worked out by hand in dashboard-api.test.ts: 10 messages, 14 500 FCFA.
  expect(sheet?.getRow(3).getCell(4).value).toBe(10);
  expect(sheet?.getRow(3).getCell(6).value).toBe(14_500);
});

it("/export.pdf parses and carries the day's figures", async () => {
  const res = await get("/export.pdf?from=2026-03-10&to=2026-03-10");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  expect(res.headers.get("content-disposition")).toBe(
    'attachment; filename="toktok-rapport-2026-03-10_2026-03-10.pdf"',
  );
  const parser = new PDFParse({ data: new Uint8Array(await res.arrayBuffer()) });
  const text = (await parser.getText()).text.replace(/\s+/g, " ");
  await parser.destroy();
  const { summary } = await body("/summary?period=24h");
  const tuesday = (await body("/daily?from=2026-03-10&to=2026-03-10")).days[0];
  expect(tuesday.messages).toBe(10);
  expect(text).toContain(`Messages ${groupDigits(tuesday.messages)}`);
  expect(text).toContain(
    `2026-03-10 ${groupDigits(tuesday.sessions)} ${groupDigits(tuesday.messages)} ${groupDigits(tuesday.conversions)}`,
  );
  expect(summary.revenueXaf).toBe(14_500);
});

it("a bad range gets 400 naming the field", async () => {
  const res = await get("/export.pdf?from=2026-03-10&to=2026-03-01");
  expect(res.status).toBe(400);
  expect(((await res.json()) as Body).field).toBe("from");
});
