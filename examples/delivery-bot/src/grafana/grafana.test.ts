import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type Simulation, startSimulation } from "../demo/simulation.ts";

const grafana = fileURLToPath(new URL("../../grafana/", import.meta.url));
const read = async (path: string) => parse(await readFile(resolve(grafana, path), "utf8"));
const compose = () => read("docker-compose.yml");
/** The host folder docker-compose mounts as Grafana's dashboards folder. */
const dashboardsDir = async () => {
  const volumes: string[] = (await compose()).services.grafana.volumes;
  const mount = volumes.find((v) => v.includes("/var/lib/grafana/dashboards")) ?? "";
  return resolve(grafana, mount.split(":")[0] ?? "");
};
const dashboardFile = fileURLToPath(
  new URL("../../../../packages/analytics/grafana/toktok-analytics.json", import.meta.url),
);

describe("grafana provisioning", () => {
  it("provisions one default Prometheus data source with a fixed uid", async () => {
    const { datasources } = await read("provisioning/datasources/prometheus.yaml");
    expect(datasources).toHaveLength(1);
    expect(datasources[0]).toMatchObject({ uid: "toktok-prometheus", type: "prometheus", isDefault: true });
    expect(datasources[0].url).toBe(`http://prometheus:9090`);
  });

  it("loads dashboards from the folder compose mounts: the analytics package's grafana/", async () => {
    const { providers } = await read("provisioning/dashboards/toktok.yaml");
    expect(providers[0].options.path).toBe("/var/lib/grafana/dashboards/toktok");
    expect(await dashboardsDir()).toBe(dirname(dashboardFile));
    const volumes: string[] = (await compose()).services.grafana.volumes;
    expect(volumes).toContain("./provisioning:/etc/grafana/provisioning:ro");
  });

  it("has Prometheus scrape the bot's /metrics", async () => {
    const config = await read("prometheus.yml");
    expect(config.scrape_configs[0]).toMatchObject({ metrics_path: "/metrics" });
  });
});

// The dashboard JSON is shipped by @toktok/analytics; it must use our data source uid and only
// metrics the running bot really exposes.
describe.runIf(existsSync(dashboardFile))("the analytics dashboard against the bot", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({ logLevel: "silent" });
    const c = sim.customer("242060000777");
    await c.say("Bonjour");
  });
  afterAll(() => sim?.close());

  it("refers only to the provisioned data source", async () => {
    const text = await readFile(dashboardFile, "utf8");
    const uids = [...text.matchAll(/"datasource"\s*:\s*\{[^}]*"uid"\s*:\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(uids.length).toBeGreaterThan(0);
    expect(new Set(uids)).toEqual(new Set(["toktok-prometheus"]));
  });

  it("queries metric families the bot's GET /metrics exposes", async () => {
    const dashboard = JSON.parse(await readFile(dashboardFile, "utf8")) as { panels?: unknown[] };
    const exprs = JSON.stringify(dashboard).match(/toktok_[a-z_]+/g) ?? [];
    const exposed = await (await fetch(`${sim.server.url}/metrics`)).text();
    const families = new Set([...exposed.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1] as string));
    const known = (name: string) =>
      families.has(name) || [...families].some((f) => name.startsWith(f) && /_(bucket|sum|count)$/.test(name));
    expect(exprs.filter((name) => !known(name))).toEqual([]);
  });
});
