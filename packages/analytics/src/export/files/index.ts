/**
 * `@toktok/analytics/files` — the exports as office files: `toXlsx` (exceljs) and
 * `toPdf` (pdfkit). Both are optional peers, imported on first use: the main entry
 * never loads them.
 * @packageDocumentation
 */

export { toPdf } from "./pdf.js";
export { toXlsx, XLSX_CONTENT_TYPE } from "./xlsx.js";
