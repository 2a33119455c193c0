import { randomBytes } from "node:crypto";
import { Analytics, PostgresStore } from "@toktok/analytics";
import pg from "pg";
import { afterAll, it } from "vitest";
import { describeWithPostgres, services } from "../../../../scripts/integration.ts";
import { COMPANY_NOW, checkCompanyIsolation, seedCompanies } from "./company-scenario.ts";

describeWithPostgres("per company on PostgreSQL", () => {
  const schema = `toktok_dash_co_${process.pid}_${randomBytes(3).toString("hex")}`;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: services().databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it("a merchant's token reads its own company's figures from PostgreSQL, 403 for another; the admin any one", async () => {
    let now = COMPANY_NOW - 3_600_000;
    const store = new PostgresStore({ connectionString: services().databaseUrl, schema });
    await store.migrate();
    const analytics = new Analytics({ store, now: () => now });
    await seedCompanies(analytics);
    now = COMPANY_NOW;
    try {
      await checkCompanyIsolation(analytics);
    } finally {
      await analytics.close();
    }
  });
});
