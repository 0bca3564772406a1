import { listHref, listPage, paginationFor, readListState, sortAndPage } from './list';

// Lists are sorted and paged on the server with the state in the query string (issue 13: "Every list is
// filterable, sortable and paged on the server, with the filter in the query string").
describe('readListState', () => {
  const sortable = ['reference', 'nextDeadline'];
  const defaults = { sort: 'nextDeadline', order: 'asc' as const };
  it.each([
    [{}, { sort: 'nextDeadline', order: 'asc', page: 1 }],
    [
      { sort: 'reference', order: 'desc', page: '3' },
      { sort: 'reference', order: 'desc', page: 3 },
    ],
    [
      { sort: 'grounds', order: 'sideways', page: '-2' },
      { sort: 'nextDeadline', order: 'asc', page: 1 },
    ],
    [{ page: 'abc' }, { sort: 'nextDeadline', order: 'asc', page: 1 }],
    [{ page: '999999' }, { sort: 'nextDeadline', order: 'asc', page: 1000 }],
  ])('%j → %j', (query, expected) => {
    expect(readListState(query, sortable, defaults)).toEqual(expected);
  });
});

describe('sortAndPage', () => {
  const items = [
    { ref: 'B', due: '2026-12-03' },
    { ref: 'A', due: null },
    { ref: 'C', due: '2026-12-01' },
  ];
  it.each([
    ['due', 'asc', ['C', 'B', 'A']],
    ['due', 'desc', ['B', 'C', 'A']], // missing values last in both orders
    ['ref', 'desc', ['C', 'B', 'A']],
  ] as const)('by %s %s', (sort, order, refs) => {
    expect(sortAndPage(items, { sort, order, page: 1 }).rows.map((r) => r.ref)).toEqual(refs);
  });

  it('pages, and a page past the end shows the last page', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ n: i }));
    const r = sortAndPage(many, { sort: 'n', order: 'asc', page: 9 }, 25);
    expect(r).toMatchObject({ total: 60, pages: 3, page: 3 });
    expect(r.rows.map((x) => x.n)).toEqual(Array.from({ length: 10 }, (_, i) => 50 + i));
  });
});

describe('links', () => {
  it('keep the filter, drop empty values and change only what is asked', () => {
    expect(listHref('/reviews', { view: 'team', status: '', sort: 'reference' }, { page: 2 })).toBe(
      '/reviews?view=team&sort=reference&page=2',
    );
  });
  it('pagination has previous and next only where they exist', () => {
    const p = paginationFor('/reviews', { view: 'mine' }, 1, 2);
    expect(p.previous).toBeUndefined();
    expect(p.next).toEqual({ href: '/reviews?view=mine&page=2' });
    expect(p.items.map((i) => i.current)).toEqual([true, false]);
  });
});

describe('listPage', () => {
  const items = Array.from({ length: 30 }, (_, i) => ({
    reference: `R-${String(i + 1).padStart(2, '0')}`,
    team: 'x',
  }));
  const list = {
    base: '/things',
    filters: { status: 'OPEN', empty: undefined },
    columns: [{ key: 'reference', text: 'Reference' }, { text: 'Team' }],
    defaults: { sort: 'reference', order: 'desc' as const },
  };

  it('sorts and pages as the query says, the filters kept in every link', () => {
    const out = listPage({ sort: 'reference', order: 'asc', page: '2' }, items, list);
    expect(out.total).toBe(30);
    expect(out.rows.map((r) => r.reference)).toEqual(['R-26', 'R-27', 'R-28', 'R-29', 'R-30']);
    expect(out.head[0].html).toContain('href="/things?status=OPEN&amp;sort=reference&amp;order=desc"');
    expect(out.head[0].attributes).toEqual({ 'aria-sort': 'ascending' });
    expect(out.head[1]).toEqual({ text: 'Team' });
    expect(out.pagination?.previous?.href).toBe('/things?status=OPEN&sort=reference&order=asc&page=1');
  });

  it('only a sortable column sorts (else the default); one page has no pagination', () => {
    const out = listPage({ sort: 'team' }, items.slice(0, 3), list);
    expect(out.rows.map((r) => r.reference)).toEqual(['R-03', 'R-02', 'R-01']);
    expect(out.pagination).toBeUndefined();
  });
});
