import type { ReactNode } from 'react';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, type TableProps, type TableRowProps } from '@fluentui/react-components';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';

/** One column: its header and how a row shows in it. */
export interface DataColumn<T> {
  id: string;
  header: ReactNode;
  cell(row: T, index: number): ReactNode;
  /** Class of the column's body cells. */
  cellClassName?: string;
  /** data-testid of the column's body cells. */
  cellTestId?: string;
}

/** Props of a row's element, including data-* attributes the browser tests read. */
export type DataRowProps = Omit<TableRowProps, 'children'> & Record<`data-${string}`, string | number | boolean | undefined>;

export interface DataTableProps<T> {
  columns: readonly DataColumn<T>[];
  rows: readonly T[];
  rowId(row: T): string;
  'aria-label': string;
  /** data-testid of the table. */
  testId?: string;
  rowProps?(row: T): DataRowProps;
  size?: TableProps['size'];
  className?: string;
}

/**
 * The portal's list table: TanStack Table's row model rendered with Fluent UI's Table, so each list
 * page declares its columns instead of repeating the table markup.
 */
export function DataTable<T>({ columns, rows, rowId, testId, rowProps, size, className, ...props }: DataTableProps<T>) {
  const table = useReactTable<T>({
    data: rows as T[],
    columns: columns.map(
      (column): ColumnDef<T> => ({
        id: column.id,
        header: () => column.header,
        cell: (context) => column.cell(context.row.original, context.row.index),
        meta: column,
      }),
    ),
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => rowId(row),
  });
  return (
    <Table size={size} aria-label={props['aria-label']} data-testid={testId} className={className}>
      <TableHeader>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id}>
            {group.headers.map((header) => (
              <TableHeaderCell key={header.id}>{flexRender(header.column.columnDef.header, header.getContext())}</TableHeaderCell>
            ))}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody>
        {table.getRowModel().rows.map((row) => (
          <TableRow key={row.id} {...rowProps?.(row.original)}>
            {row.getVisibleCells().map((cell) => {
              const column = cell.column.columnDef.meta as DataColumn<T> | undefined;
              return (
                <TableCell key={cell.id} className={column?.cellClassName} data-testid={column?.cellTestId}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </TableCell>
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
