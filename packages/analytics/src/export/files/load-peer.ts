import { AnalyticsValidationError } from "../../errors.js";

/**
 * Imports an optional peer (exceljs, pdfkit) on first use, so a user who never
 * writes these files never installs them; a missing peer is reported by name.
 */
export async function loadPeer<T>(name: "exceljs" | "pdfkit", load: () => Promise<unknown>): Promise<T> {
  try {
    // Both are CommonJS: their `module.exports` is the default export of the ESM namespace.
    const mod = (await load()) as { default?: T };
    return (mod.default ?? mod) as T;
  } catch (cause) {
    const error = new AnalyticsValidationError(name, `is an optional peer dependency: install it (pnpm add ${name})`);
    (error as { cause?: unknown }).cause = cause;
    throw error;
  }
}
