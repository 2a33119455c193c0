import { defineConfig } from "vitest/config";

// Two projects: `unit` (fast, no services) and `integration` (*.int.test.ts
// against the real Redis and PostgreSQL on loopback). The JSON report is what
// .ci/run counts for its `tests: N passed, N failed` line; the last reporter
// ends every run with the skipped tests, why, and how to run them.
export default defineConfig({
  test: {
    reporters: ["default", ["json", { outputFile: "test-output/vitest.json" }], "./scripts/vitest-skips.ts"],
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "packages/*/src/**/*.test.ts",
            "examples/*/src/**/*.test.ts",
            "bench/src/**/*.test.ts",
            "scripts/**/*.test.ts",
          ],
          exclude: ["**/*.int.test.ts", "**/node_modules/**", "**/dist/**"],
          typecheck: {
            enabled: true,
            include: ["packages/*/src/**/*.test-d.ts", "scripts/**/*.test-d.ts"],
            tsconfig: "./tsconfig.typetests.json",
          },
        },
      },
      {
        test: {
          name: "integration",
          include: ["packages/*/src/**/*.int.test.ts", "examples/*/src/**/*.int.test.ts"],
          exclude: ["**/node_modules/**", "**/dist/**"],
          globalSetup: ["./scripts/vitest-services.ts"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
