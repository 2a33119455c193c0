import { Analytics } from "@toktok/analytics";
import { it } from "vitest";
import { COMPANY_NOW, checkCompanyIsolation, seedCompanies } from "./company-scenario.ts";

it("per company on the memory store: a merchant's token reads its own company, 403 for another; the admin any one", async () => {
  let now = COMPANY_NOW - 3_600_000;
  const analytics = new Analytics({ now: () => now });
  await seedCompanies(analytics);
  now = COMPANY_NOW;
  try {
    await checkCompanyIsolation(analytics);
  } finally {
    await analytics.close();
  }
});
