import { Analytics } from "@toktok/analytics";
import { it } from "vitest";
import { runCompanyScenario } from "./company-scenario.ts";

it("per company on the memory store: a merchant's token reads its own company, 403 for another; the admin any one", async () => {
  await runCompanyScenario(async (now) => new Analytics({ now }));
});
