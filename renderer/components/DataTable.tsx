/**
 * A sortable table with keyboard navigation: headers sort on click/Enter, rows are reachable with Tab once and
 * then with the arrow keys (Home/End/PageUp/PageDown), Enter activates a row.
 */
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { nextRowIndex, sortRows, type SortDirection } from './sortRows.js';

/** One column of a DataTable. */
export interface Column<T> {
  readonly id: string;
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
  readonly sortValue?: (row: T) => string | number | undefined;
  readonly align?: 'left' | 'right' | 'center';
  /** Keep the cell on one line (names with hyphens, short states, durations). */
  readonly nowrap?: boolean;
  /** Extra class of the column's cells (e.g. `cell-clip`, `cell-grow`). */
  readonly className?: string;
}

/** Props of DataTable. */
export interface DataTableProps<T> {
  readonly rows: readonly T[];
  readonly columns: readonly Column<T>[];
  readonly rowKey: (row: T) => string;
  readonly initialSort?: { readonly column: string; readonly direction: SortDirection };
  readonly onActivate?: (row: T) => void;
  readonly selectedKey?: string;
  readonly rowClass?: (row: T) => string | undefined;
  readonly label: string;
  readonly testId?: string;
}

/** Renders the table. */
export function DataTable<T>({ rows, columns, rowKey, initialSort, onActivate, selectedKey, rowClass, label, testId }: DataTableProps<T>) {
  const [sort, setSort] = useState(initialSort);
  const [focus, setFocus] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const sorted = useMemo(() => {
    const col = columns.find((c) => c.id === sort?.column);
    return col?.sortValue && sort ? sortRows(rows, col.sortValue, sort.direction) : [...rows];
  }, [rows, columns, sort]);
  const toggle = (id: string) =>
    setSort((s) => (s?.column === id ? { column: id, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { column: id, direction: 'asc' }));
  const onKeyDown = (e: React.KeyboardEvent, index: number, row: T) => {
    if (e.key === 'Enter' && onActivate) {
      e.preventDefault();
      onActivate(row);
      return;
    }
    const next = nextRowIndex(index, e.key, sorted.length);
    if (next !== index) {
      e.preventDefault();
      setFocus(next);
      body.current?.querySelectorAll<HTMLTableRowElement>('tr')[next]?.focus();
    }
  };
  return (
    <table className="data-table" aria-label={label} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => {
            const active = sort?.column === c.id;
            return (
              <th key={c.id} style={{ textAlign: c.align }} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                {c.sortValue ? (
                  <button type="button" className="sort-button" onClick={() => toggle(c.id)}>
                    {c.header}
                    <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                ) : (
                  c.header
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody ref={body}>
        {sorted.map((row, i) => {
          const key = rowKey(row);
          return (
            <tr
              key={key}
              data-key={key}
              tabIndex={i === Math.min(focus, sorted.length - 1) ? 0 : -1}
              className={[key === selectedKey ? 'selected' : '', rowClass?.(row) ?? ''].join(' ').trim() || undefined}
              aria-selected={key === selectedKey}
              onFocus={() => setFocus(i)}
              onKeyDown={(e) => onKeyDown(e, i, row)}
              onClick={
                onActivate
                  ? (e) => {
                      // A button or field inside the row does its own thing: it does not also activate the row
                      // (Suspend in the rules table opened the rule editor over the page).
                      if ((e.target as Element).closest('button, a, input, select, textarea, label')) return;
                      onActivate(row);
                    }
                  : undefined
              }
            >
              {columns.map((c) => (
                <td key={c.id} style={{ textAlign: c.align, whiteSpace: c.nowrap ? 'nowrap' : undefined }} className={c.className}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
