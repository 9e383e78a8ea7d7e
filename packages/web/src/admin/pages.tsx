import { useState } from "react";

/**
 * Cursor pagination for admin tables: the API hands out an opaque cursor for the next page, so
 * going back means remembering the cursors already used (a stack), not computing an offset.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    cursor: cursors.at(-1),
    page: cursors.length + 1,
    next: (cursor: string) => setCursors((held) => [...held, cursor]),
    previous: () => setCursors((held) => held.slice(0, -1)),
    first: () => setCursors([]),
  };
}

export const PAGE_SIZE = "20";

/** "Previous" and "Next" for a cursor-paged table, with the page number announced. */
export function Pager({ pages, nextCursor, label }: { pages: ReturnType<typeof useCursorPages>; nextCursor: string | null | undefined; label: string }) {
  if (pages.page === 1 && !nextCursor) return null;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" className="button button-secondary button-small" disabled={pages.page === 1} onClick={pages.previous}>
        Previous page
      </button>
      <span aria-live="polite">Page {pages.page}</span>
      <button type="button" className="button button-secondary button-small" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        Next page
      </button>
    </nav>
  );
}
