// Part of `pnpm lint` (its `lint:imports` script runs depcruise with this file): the import graph of every
// package, example and script has no circle. A circle means two modules cannot be
// understood, tested or moved apart; in the packages it is also how a helper ends up
// importing the facade above it (issue 16). Type-only imports count: a type circle
// (`catalogue.ts` ↔ `en.ts`) ties two files together as firmly as a value one.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "This import closes a circle. Move what both sides need into a leaf module (errors, logger, validate, " +
        "format, a port type) that imports neither, or pass it in as an argument.",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "This relative import resolves to no file: a circle hidden behind it would go unseen.",
      from: {},
      // Relative imports only: package imports resolve to dist/, which lint (run before build) must not need.
      to: { couldNotResolve: true, path: "^[.]" },
    },
  ],
  options: {
    // Package imports (@toktok/* included) are leaves of the graph here: a circle
    // between packages would need a package.json circle, which pnpm refuses already.
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["(^|/)dist/", "(^|/)node_modules/", "__fixtures__", "^bench/results/", "(^|/)[.]turbo/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs", ".d.ts"],
    },
  },
};
