import { Fragment, useState, type ReactNode } from 'react';
import {
  Button,
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  type TableProps,
  type TableRowProps,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import {
  functionalUpdate,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type ExpandedState,
  type Row,
  type RowSelectionState,
  type Updater,
} from '@tanstack/react-table';
import { NARROW, visuallyHidden } from './narrow';

/** What a cell may read and do about its own row. */
export interface RowControls {
  /** The row's details show beneath it (tables with `expand`). */
  expanded: boolean;
  toggleExpanded(): void;
}

/** One column: its header and how a row shows in it. */
export interface DataColumn<T> {
  id: string;
  header: ReactNode;
  /** Accessible name of a header that shows no text (a column of buttons). */
  headerLabel?: string;
  /** Class of the column's header cell (e.g. its width). */
  headerClassName?: string;
  /**
   * How a row shows in the column. It is called on each render, never mounted as a component of its
   * own, so the inputs of an editable row keep their focus and state while the page updates the row.
   */
  cell(row: T, index: number, controls: RowControls): ReactNode;
  /** Class of the column's body cells. */
  cellClassName?: string;
  /** data-testid of the column's body cells: one for every row, or one per row. */
  cellTestId?: string | ((row: T) => string);
}

/** Rows that open to show their details in a full-width row beneath them. */
export interface RowExpansion<T> {
  /** The row's details. */
  render(row: T): ReactNode;
  /** Opening a row closes the one open before. */
  single?: boolean;
  /** The open rows' IDs, when the page holds them (to close them itself); else the table holds them. */
  open?: ReadonlySet<string>;
  onOpenChange?(open: ReadonlySet<string>): void;
}

/** Rows a person ticks, in a leading column of checkboxes. */
export interface RowSelection<T> {
  /** The ticked rows' IDs; they may name rows not shown (a selection kept across searches). */
  selected: ReadonlySet<string>;
  onChange(row: T, selected: boolean): void;
  /** Whether the row's tick may change; one that may not shows as it is, disabled. */
  canChange?(row: T): boolean;
  /** Accessible name of the row's checkbox. */
  label(row: T): string;
  /** data-testid of the row's checkbox. */
  testId?(row: T): string;
  /** Accessible name of the checkbox column's header. */
  headerLabel?: string;
}

/** Props of a row's element, including data-* attributes the browser tests read. */
export type DataRowProps = Omit<TableRowProps, 'children'> & Record<`data-${string}`, string | number | boolean | undefined>;

/** A row beneath the body (a total): what it shows in some of the columns, by column ID. */
export interface DataFooterRow {
  id: string;
  cells: Readonly<Partial<Record<string, ReactNode>>>;
  props?: DataRowProps;
}

export interface DataTableProps<T> {
  columns: readonly DataColumn<T>[];
  rows: readonly T[];
  /** Rows in the table's foot, after every row of the body (totals); their cells take the columns' classes. */
  footerRows?: readonly DataFooterRow[];
  rowId(row: T, index: number): string;
  'aria-label': string;
  /** data-testid of the table. */
  testId?: string;
  rowProps?(row: T, index: number): DataRowProps;
  expand?: RowExpansion<T>;
  select?: RowSelection<T>;
  size?: TableProps['size'];
  className?: string;
}

/** A column as the table renders it: a page's column, or the checkbox column of a selectable table. */
interface RenderedColumn<T> extends Omit<DataColumn<T>, 'cell'> {
  render(row: Row<T>): ReactNode;
}

const useStyles = makeStyles({
  // Under 640 px each row shows as a card: its cells stacked, each under its column's header as a label.
  // The elements stay a table (headers hidden visually only), so assistive technology still reads one.
  table: {
    [NARROW]: {
      display: 'block',
      width: '100%',
      '& > thead': visuallyHidden,
      '& > tbody, & > tfoot': { display: 'block', width: '100%' },
      '& > tbody > tr, & > tfoot > tr': {
        display: 'block',
        width: '100%',
        boxSizing: 'border-box',
        height: 'auto',
        padding: '8px 12px',
        marginBottom: '8px',
        border: `1px solid ${tokens.colorNeutralStroke2}`,
        borderRadius: tokens.borderRadiusMedium,
        backgroundColor: tokens.colorNeutralBackground1,
      },
      '& > tbody > tr > td, & > tfoot > tr > td': {
        display: 'block',
        width: 'auto',
        minWidth: 0,
        maxWidth: '100%',
        height: 'auto',
        minHeight: 0,
        boxSizing: 'border-box',
        padding: '4px 0',
        textAlign: 'start',
        overflowWrap: 'anywhere',
        whiteSpace: 'normal',
      },
      '& > tbody > tr > td:empty, & > tfoot > tr > td:empty': { display: 'none' },
      // The cell's column header above its value; the table's own headers name the cell to assistive
      // technology, so the label has empty alternative text.
      '& > tbody > tr > td[data-label]::before, & > tfoot > tr > td[data-label]::before': {
        content: 'attr(data-label) / ""',
        display: 'block',
        fontSize: tokens.fontSizeBase200,
        lineHeight: tokens.lineHeightBase200,
        fontWeight: tokens.fontWeightSemibold,
        color: tokens.colorNeutralForeground3,
      },
    },
  },
});

/** The text of a column's header, repeated as a label in its cells on narrow screens (none for a header that shows no text). */
const labelOf = (column: { header: ReactNode } | undefined): string | undefined => {
  if (!column) return undefined;
  if (typeof column.header === 'string' || typeof column.header === 'number') return String(column.header) || undefined;
  return undefined;
};

const SELECT_COLUMN = 'select';
const NO_ROWS: ReadonlySet<string> = new Set();

const asState = (ids: ReadonlySet<string>): Record<string, boolean> => Object.fromEntries([...ids].map((id) => [id, true]));

/**
 * The portal's list table: TanStack Table's row model, row expansion and row selection rendered with
 * Fluent UI's Table, so each list page declares its columns instead of repeating the table markup.
 */
export function DataTable<T>({ columns, rows, footerRows, rowId, testId, rowProps, expand, select, size, className, ...props }: DataTableProps<T>) {
  const styles = useStyles();
  const [ownOpen, setOwnOpen] = useState<ReadonlySet<string>>(NO_ROWS);
  const open = expand?.open ?? ownOpen;
  const expanded = asState(open);
  const selected = asState(select?.selected ?? NO_ROWS);

  const setExpanded = (updater: Updater<ExpandedState>) => {
    const next = functionalUpdate(updater, expanded);
    const ids: ReadonlySet<string> =
      next === true ? new Set(table.getRowModel().rows.map((row) => row.id)) : new Set(Object.keys(next).filter((id) => next[id]));
    if (!expand?.open) setOwnOpen(ids);
    expand?.onOpenChange?.(ids);
  };
  const setSelected = (updater: Updater<RowSelectionState>) => {
    const next = functionalUpdate(updater, selected);
    for (const id of new Set([...Object.keys(selected), ...Object.keys(next)])) {
      const row = table.getCoreRowModel().rowsById[id];
      if (row && !!next[id] !== !!selected[id]) select?.onChange(row.original, !!next[id]);
    }
  };

  const controls = (row: Row<T>): RowControls => ({
    expanded: row.getIsExpanded(),
    toggleExpanded: () => {
      if (expand?.single) table.setExpanded(row.getIsExpanded() ? {} : { [row.id]: true });
      else row.toggleExpanded();
    },
  });
  const rendered: RenderedColumn<T>[] = [
    ...(select
      ? [
          {
            id: SELECT_COLUMN,
            header: null,
            headerLabel: select.headerLabel,
            render: (row: Row<T>) => (
              <Checkbox
                checked={row.getIsSelected()}
                disabled={!row.getCanSelect()}
                aria-label={select.label(row.original)}
                onChange={(_event, data) => row.toggleSelected(data.checked === true)}
                data-testid={select.testId?.(row.original)}
              />
            ),
          },
        ]
      : []),
    ...columns.map(({ cell, ...column }) => ({ ...column, render: (row: Row<T>) => cell(row.original, row.index, controls(row)) })),
  ];
  const byId = new Map(rendered.map((column) => [column.id, column]));

  const table = useReactTable<T>({
    data: rows as T[],
    // TanStack keeps the rows, their IDs and their expanded and selected state; the cells are rendered below.
    columns: rendered.map((column): ColumnDef<T> => ({ id: column.id })),
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row, index) => rowId(row, index),
    state: { expanded, rowSelection: selected },
    onExpandedChange: setExpanded,
    getRowCanExpand: () => !!expand,
    onRowSelectionChange: setSelected,
    enableRowSelection: (row) => !!select && (select.canChange?.(row.original) ?? true),
  });

  return (
    <Table size={size} aria-label={props['aria-label']} data-testid={testId} className={mergeClasses(styles.table, className)}>
      <TableHeader>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id}>
            {group.headers.map((header) => {
              const column = byId.get(header.column.id);
              return (
                <TableHeaderCell key={header.id} className={column?.headerClassName} aria-label={column?.headerLabel}>
                  {column?.header}
                </TableHeaderCell>
              );
            })}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody>
        {table.getRowModel().rows.map((row) => {
          const cells = row.getVisibleCells();
          return (
            <Fragment key={row.id}>
              <TableRow {...rowProps?.(row.original, row.index)}>
                {cells.map((cell) => {
                  const column = byId.get(cell.column.id);
                  const cellTestId = typeof column?.cellTestId === 'function' ? column.cellTestId(row.original) : column?.cellTestId;
                  return (
                    <TableCell key={cell.id} className={column?.cellClassName} data-testid={cellTestId} data-label={labelOf(column)}>
                      {column?.render(row)}
                    </TableCell>
                  );
                })}
              </TableRow>
              {expand && row.getIsExpanded() ? (
                <TableRow>
                  <TableCell colSpan={cells.length}>{expand.render(row.original)}</TableCell>
                </TableRow>
              ) : null}
            </Fragment>
          );
        })}
      </TableBody>
      {footerRows && footerRows.length > 0 ? (
        <tfoot>
          {footerRows.map((footer) => (
            <TableRow key={footer.id} {...footer.props}>
              {rendered.map((column) => (
                <TableCell
                  key={column.id}
                  className={column.cellClassName}
                  data-testid={typeof column.cellTestId === 'string' ? column.cellTestId : undefined}
                  data-label={footer.cells[column.id] === undefined || footer.cells[column.id] === null ? undefined : labelOf(column)}
                >
                  {footer.cells[column.id] ?? null}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </tfoot>
      ) : null}
    </Table>
  );
}

/** The button that shows or hides a row's details, for a cell of an expandable table. */
export function RowExpandButton({ controls, label, testId }: { controls: RowControls; label: string; testId?: string }) {
  return (
    <Button
      size="small"
      appearance="subtle"
      icon={controls.expanded ? <ChevronDownRegular /> : <ChevronRightRegular />}
      aria-expanded={controls.expanded}
      aria-label={label}
      onClick={() => controls.toggleExpanded()}
      data-testid={testId}
    />
  );
}
