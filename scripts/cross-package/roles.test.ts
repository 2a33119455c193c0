// @toktok/flows owns the roles a TokTok user signs up with (`roles` in src/domain.ts); @toktok/analytics
// counts sessions by role (`SESSION_ROLES`, which `trackSessionStart` checks at run time). The two
// packages are leaves for each other, so analytics cannot import the list: this pins the two equal, in
// the same order, so a role added in flows fails here instead of being refused by the analytics.
import { expect, it } from "vitest";
import { SESSION_ROLES } from "../../packages/analytics/src/validate.js";
import { roles } from "../../packages/flows/src/domain.js";

it("analytics' SESSION_ROLES are flows' roles, in the same order", () => {
  expect([...SESSION_ROLES]).toEqual([...roles]);
});
