import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Analytics } from "../analytics.js";

interface Panel {
  title: string;
  datasource: { uid: string };
  targets: Array<{ expr: string; datasource: { uid: string } }>;
}

const dashboard = JSON.parse(readFileSync(new URL("../../grafana/toktok-analytics.json", import.meta.url), "utf8")) as {
  uid: string;
  panels: Panel[];
};

describe("Grafana dashboard", () => {
  it("is provisionable: fixed uids, every panel on the fixed Prometheus datasource", () => {
    expect(dashboard.uid).toBe("toktok-analytics");
    for (const p of dashboard.panels) {
      expect(p.datasource.uid).toBe("toktok-prometheus");
      for (const t of p.targets) expect(t.datasource.uid).toBe("toktok-prometheus");
    }
  });

  it("queries only metrics the exposition has", async () => {
    const a = new Analytics();
    a.trackResponseTime(1);
    const exposed = new Set(
      (await a.metrics())
        .split("\n")
        .filter((l) => l.startsWith("# TYPE "))
        .flatMap((l) => {
          const [, , name, type] = l.split(" ");
          return type === "histogram" ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
        }),
    );
    const used = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/toktok_[a-z_]+/g) ?? []));
    expect(used.length).toBeGreaterThan(8);
    for (const name of used) expect(exposed.has(name), name).toBe(true);
    await a.close();
  });
});
