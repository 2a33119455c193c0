import { describe, expect, it } from "vitest";
import { Analytics } from "../analytics.js";
import { formatXaf, groupDigits } from "../format/french.js";
import { NOW, playScript } from "../testing/scripted-data.js";
import { csvCell, toCsv } from "./csv-format.js";

describe("CSV", () => {
  it("quotes per RFC 4180 and neutralises formula injection", () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+242061234567")).toBe("'+242061234567");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell("Pointe-Noire")).toBe("Pointe-Noire");
    const csv = toCsv(["zone", "n"], [["Brazzaville – Poto-Poto", 3]]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toBe("\uFEFFzone,n\r\nBrazzaville – Poto-Poto,3\r\n");
  });

  it("exports the scripted errors table with the injected message neutralised", async () => {
    const clock = { now: NOW };
    const a = new Analytics({ now: () => clock.now });
    await playScript(a, clock);
    const csv = await a.exportCSV({ table: "errors" });
    expect(csv).toContain(`Error,"'=HYPERLINK(""x"")",7,`);
    const daily = await a.exportCSV({ range: { from: "2026-11-20", to: "2026-11-21" } });
    expect(daily.split("\r\n")[0]).toBe(
      "\uFEFFday,sessions,active_users,messages,conversions,revenue_xaf,errors,error_rate,avg_response_ms",
    );
    expect(daily.split("\r\n")).toHaveLength(4);
    await a.close();
  });
});

describe("exportJSON and renderDashboard", () => {
  it("has a versioned, stable shape", async () => {
    const clock = { now: NOW };
    const a = new Analytics({ now: () => clock.now });
    await playScript(a, clock);
    const json = await a.exportJSON();
    expect(Object.keys(json)).toEqual([
      "version",
      "generatedAt",
      "timeZone",
      "range",
      "summary",
      "daily",
      "funnels",
      "topErrors",
      "dispatch",
    ]);
    expect(json.version).toBe(1);
    expect(json.daily).toHaveLength(30);
    expect(json.funnels[0]?.flow).toBe("courier");
    expect(json.dispatch.find((d) => d.day === "2026-11-19")?.qualityScore).toBe(78);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    await a.close();
  });

  it("groups FCFA amounts with spaces", async () => {
    expect(formatXaf(23_700_000)).toBe("23 700 000 FCFA");
    expect(groupDigits(1234.5, 1)).toBe("1 234,5");
    const a = new Analytics();
    a.trackConversion("u", "order_completed", 23_700_000);
    expect(await a.renderDashboard()).toContain("23 700 000 FCFA");
    await a.close();
  });

  it("labels everything in French (English by switch) and gives the zone's local time", async () => {
    // 19:23 UTC is 20:23 in Brazzaville (UTC+1): the heading says the local time, labelled as such.
    const a = new Analytics({ now: () => Date.UTC(2026, 11, 5, 19, 23) });
    a.trackSessionStart("242061234567", "client");
    a.trackMessage("242061234567", "text");
    a.trackMessage("242061234567", "button_reply");
    a.trackMessage("242061234567", "list_reply");
    const fr = await a.renderDashboard();
    expect(fr).toContain("2026-12-05 20:23 (heure locale, Africa/Brazzaville)");
    expect(fr).not.toContain("UTC");
    for (const label of ["texte 1", "bouton 1", "liste 1"]) expect(fr).toContain(label);
    expect(fr).not.toMatch(/button_reply|list_reply/);
    const en = await a.renderDashboard({ locale: "en" });
    expect(en).toContain("2026-12-05 20:23 (local time, Africa/Brazzaville)");
    expect(en).toContain("Response time");
    expect(en).toContain("customer 1 · driver 0 · business 0");
    await a.close();
  });
});
