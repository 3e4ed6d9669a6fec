// A table of records where the whole row opens the record. The opening cell holds a real link, so the
// table works without JavaScript, from the keyboard (Tab to the link, Enter) and with "open in new
// tab"; with JavaScript a click anywhere else on the row follows the same link.
import { Link, useNavigate } from "@remix-run/react";
import type { MouseEvent, ReactNode } from "react";

export type DataColumn<Row> = {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  className?: string;
  /** The column whose cell is the row's link (one per table). */
  opens?: boolean;
};

type DataTableProps<Row> = {
  caption: string;
  columns: readonly DataColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowHref: (row: Row) => string;
  /** The accessible name of a row's link when its text alone would not say it (optional). */
  rowLabel?: (row: Row) => string;
  className?: string;
};

export function DataTable<Row>({ caption, columns, rows, rowKey, rowHref, rowLabel, className }: DataTableProps<Row>) {
  const navigate = useNavigate();
  const open = (href: string) => (event: MouseEvent<HTMLTableRowElement>) => {
    // Links, buttons and selected text keep their own behaviour; modified clicks are the browser's.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if ((event.target as HTMLElement).closest("a, button, input, select, textarea, label")) return;
    if (window.getSelection()?.toString()) return;
    navigate(href);
  };
  return (
    <table className={["data", "data-rows-open", className].filter(Boolean).join(" ")}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.key} scope="col" className={column.className}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const href = rowHref(row);
          return (
            <tr key={rowKey(row)} onClick={open(href)}>
              {columns.map((column) => (
                <td key={column.key} className={column.className}>
                  {column.opens ? (
                    <Link to={href} className="data-row-link" aria-label={rowLabel?.(row)}>
                      {column.cell(row)}
                    </Link>
                  ) : (
                    column.cell(row)
                  )}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
