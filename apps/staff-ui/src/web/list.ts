/**
 * Server-side sorting and paging of a list the API returned, with the state in the query string so a
 * URL can be shared. Pure: table-tested in list.spec.ts.
 */
export interface ListState {
  sort: string;
  order: 'asc' | 'desc';
  page: number;
}

export const PAGE_SIZE = 25;

export function readListState(
  query: Record<string, unknown>,
  sortable: readonly string[],
  defaults: { sort: string; order: 'asc' | 'desc' },
): ListState {
  const sort = sortable.includes(String(query.sort)) ? String(query.sort) : defaults.sort;
  const order = query.order === 'desc' ? 'desc' : query.order === 'asc' ? 'asc' : defaults.order;
  const page = Math.max(1, Math.min(1000, Number.parseInt(String(query.page ?? '1'), 10) || 1));
  return { sort, order, page };
}

/** Sorts by one key (missing values last whatever the order), then returns the page asked for. */
export function sortAndPage<T extends Record<string, unknown>>(
  items: T[],
  state: ListState,
  pageSize = PAGE_SIZE,
): { rows: T[]; total: number; pages: number; page: number } {
  const dir = state.order === 'desc' ? -1 : 1;
  const sorted = [...items].sort((a, b) => {
    const x = a[state.sort];
    const y = b[state.sort];
    const xMissing = x === null || x === undefined || x === '';
    const yMissing = y === null || y === undefined || y === '';
    if (xMissing || yMissing) return xMissing === yMissing ? 0 : xMissing ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
    return String(x).localeCompare(String(y)) * dir;
  });
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const page = Math.min(state.page, pages);
  return { rows: sorted.slice((page - 1) * pageSize, page * pageSize), total: sorted.length, pages, page };
}

/** A link to the same list with some query parameters changed (empty values dropped). */
export function listHref(
  base: string,
  query: Record<string, unknown>,
  change: Record<string, unknown>,
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...change })) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}

export interface ListColumn {
  /** The row field it sorts by; a column without one is not sortable. */
  key?: string;
  text: string;
}

/** Column headers that link to sort by that column (toggling the order), with aria-sort on the current one. */
export function sortHeaders(
  base: string,
  query: Record<string, unknown>,
  state: ListState,
  columns: ListColumn[],
): { html?: string; text?: string; attributes?: Record<string, string> }[] {
  return columns.map((c) => {
    if (!c.key) return { text: c.text };
    const current = state.sort === c.key;
    const nextOrder = current && state.order === 'asc' ? 'desc' : 'asc';
    const href = listHref(base, query, { sort: c.key, order: nextOrder, page: undefined });
    return {
      html: `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(c.text)}</a>`,
      attributes: { 'aria-sort': current ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none' },
    };
  });
}

/** Pagination for the GOV.UK pagination macro. */
export function paginationFor(
  base: string,
  query: Record<string, unknown>,
  page: number,
  pages: number,
): {
  previous?: { href: string };
  next?: { href: string };
  items: { number: number; href: string; current: boolean }[];
} {
  const items = [];
  for (let n = Math.max(1, page - 3); n <= Math.min(pages, page + 3); n++) {
    items.push({ number: n, href: listHref(base, query, { page: n }), current: n === page });
  }
  return {
    previous: page > 1 ? { href: listHref(base, query, { page: page - 1 }) } : undefined,
    next: page < pages ? { href: listHref(base, query, { page: page + 1 }) } : undefined,
    items,
  };
}

/**
 * A list page's table from the items the API returned: the sort and page read from the query string (only the
 * sortable columns' keys, else `defaults`), the page of rows asked for, the total, the sortable headers and the
 * pagination, each link keeping `filters` (then the sort and order) in its query string.
 */
export function listPage<T extends Record<string, unknown>>(
  query: Record<string, unknown>,
  items: T[],
  list: {
    base: string;
    filters?: Record<string, unknown>;
    columns: ListColumn[];
    defaults: { sort: string; order: 'asc' | 'desc' };
  },
): {
  rows: T[];
  total: number;
  head: ReturnType<typeof sortHeaders>;
  pagination: ReturnType<typeof paginationFor> | undefined;
} {
  const sortable = list.columns.flatMap((c) => (c.key ? [c.key] : []));
  const state = readListState(query, sortable, list.defaults);
  const { rows, total, pages, page } = sortAndPage(items, state);
  const keep = { ...list.filters, sort: state.sort, order: state.order };
  return {
    rows,
    total,
    head: sortHeaders(list.base, keep, state, list.columns),
    pagination: pages > 1 ? paginationFor(list.base, keep, page, pages) : undefined,
  };
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
