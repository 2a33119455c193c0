import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv-format.js";

/** A strict RFC 4180 reader, to check that what we write reads back cell for cell. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

describe("CSV property tests", () => {
  it("round-trips any text (with the formula guard as the only change) and never starts a cell with = + - @", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: "grapheme" }), { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (table) => {
          const width = table[0]?.length ?? 1;
          const rows = table.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
          const csv = toCsv(
            Array.from({ length: width }, (_, i) => `c${i}`),
            rows,
          );
          expect(csv.startsWith("\uFEFF")).toBe(true);
          const back = parseCsv(csv.slice(1)).slice(1);
          expect(back).toEqual(rows.map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c))));
          for (const r of back) for (const c of r) expect(/^[=+\-@]/.test(c)).toBe(false);
        },
      ),
    );
  });

  it("writes finite numbers verbatim", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(Number(csvCell(n)) === n).toBe(true);
      }),
    );
  });
});
