import type { ReactNode } from "react";

/** One row: its React key, its cells (the first is the label, the others figures), and `data-*` attributes. */
export interface FigureRow {
  key: string;
  cells: readonly ReactNode[];
  data?: Record<`data-${string}`, string>;
}

/**
 * The page's one table of figures: a label column, then right-aligned number columns (`num`), an
 * optional total row. Every card and tab table is this, so a change to how figures line up is made once.
 */
export function FigureTable({
  head,
  rows,
  foot,
}: {
  head: readonly ReactNode[];
  rows: readonly FigureRow[];
  foot?: readonly ReactNode[];
}) {
  const cellsOf = (cells: readonly ReactNode[], Cell: "td" | "th") =>
    cells.map((cell, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns, never reordered
      <Cell key={i} {...(i > 0 ? { className: "num" } : {})}>
        {cell}
      </Cell>
    ));
  return (
    <table>
      <thead>
        <tr>{cellsOf(head, "th")}</tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} {...row.data}>
            {cellsOf(row.cells, "td")}
          </tr>
        ))}
      </tbody>
      {foot && (
        <tfoot>
          <tr>{cellsOf(foot, "th")}</tr>
        </tfoot>
      )}
    </table>
  );
}
