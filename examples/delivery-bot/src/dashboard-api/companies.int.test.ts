import { randomBytes } from "node:crypto";
import { Analytics, PostgresStore } from "@toktok/analytics";
import pg from "pg";
import { afterAll, it } from "vitest";
import { describeWithPostgres, services } from "../../../../scripts/integration.ts";
import { runCompanyScenario } from "./company-scenario.ts";

describeWithPostgres("per company on PostgreSQL", () => {
  const schema = `toktok_dash_co_${process.pid}_${randomBytes(3).toString("hex")}`;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: services().databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it("a merchant's token reads its own company's figures from PostgreSQL, 403 for another; the admin any one", async () => {
    await runCompanyScenario(async (now) => {
      const store = new PostgresStore({ connectionString: services().databaseUrl, schema });
      await store.migrate();
      return new Analytics({ store, now });
    });
  });
});
