// Shared by every package: `tsup --config ../../tsup.config.ts` runs in the package folder,
// so `entry` is that package's src/index.ts.
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  platform: "node",
  target: "node22",
  sourcemap: true,
  clean: true,
});
