import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// Plain React without @vitejs/plugin-react: Vite 8 compiles TSX with Oxc (automatic JSX runtime), and a
// dashboard needs no Fast Refresh badly enough to carry a Babel-era plugin. `base` matches where
// mountDashboard serves the page; the output lands in the example's dist/ (git-ignored).
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/dashboard/",
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    outDir: fileURLToPath(new URL("../dist/dashboard", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `vite --config dashboard/vite.config.ts` against a running bot: the API stays same-origin.
    proxy: { "/api": process.env.DASHBOARD_API_ORIGIN ?? "http://127.0.0.1:3000" },
  },
});
