/** Columns past which a table keeps readable columns and scrolls sideways on a narrow screen. */
const WIDE = 6;
/** The narrowest a column of figures reads well ("1,204 ms", "reconnecting"). */
const COLUMN_PX = 64;

/**
 * The attributes of a wide table's scroller: the table keeps a width its columns read at, and the scroller is a
 * named tab stop, so that a keyboard can scroll it (WCAG 2.1.1; axe's scrollable-region-focusable). A table of few
 * columns gets none: it fits any screen, and a tab stop there would lead nowhere.
 */
export function sideScroller(name: string, columns: number): Record<string, string | number | Record<string, string>> {
  if (columns < WIDE) return {};
  return {
    tabindex: 0,
    role: "group",
    "aria-label": name,
    "data-wide": "",
    style: { "--table-min": `${columns * COLUMN_PX}px` },
  };
}
