// A list of fixed-height rows of which only those in view (and a few either side) are in the DOM: what the timeline
// does for its rows, for any list that may hold thousands (the Server panel's sockets and rooms).
import { computed, ref, type Ref } from "vue";

/**
 * The rows to draw, [first, last), for a view scrolled to `scrollTop` that is `height` pixels tall. A list shorter
 * than where it was scrolled to draws its end (the browser moves the viewport there too).
 */
export function visibleSlice(
  scrollTop: number,
  height: number,
  rowHeight: number,
  count: number,
  overscan: number,
): { first: number; last: number } {
  scrollTop = Math.min(scrollTop, Math.max(0, count * rowHeight - height));
  const first = Math.max(0, Math.min(count, Math.floor(scrollTop / rowHeight) - overscan));
  const last = Math.max(first, Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan));
  return { first, last };
}

/**
 * The slice of `count` rows to draw in a scrolled viewport no taller than `maxHeight` (shorter when the rows are
 * fewer): bind `height` and `onScroll` to the viewport, `total` to its content, and draw rows first..last-1 at
 * `index * rowHeight`.
 */
export function useVirtualRows(count: Ref<number>, rowHeight: number, maxHeight: number, overscan = 6) {
  const scrollTop = ref(0);
  const total = computed(() => count.value * rowHeight);
  const height = computed(() => Math.min(total.value, maxHeight));
  const slice = computed(() => visibleSlice(scrollTop.value, height.value, rowHeight, count.value, overscan));
  const indices = computed(() => {
    const { first, last } = slice.value;
    return Array.from({ length: last - first }, (_, i) => first + i);
  });
  function onScroll(event: Event) {
    scrollTop.value = (event.target as HTMLElement).scrollTop;
  }
  /** Brings row `index` into view in `viewport` (the top when it was above, the bottom when below). */
  function reveal(viewport: HTMLElement | null, index: number) {
    if (!viewport) return;
    const top = index * rowHeight;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + rowHeight > viewport.scrollTop + height.value) viewport.scrollTop = top + rowHeight - height.value;
    scrollTop.value = viewport.scrollTop;
  }
  return { total, height, indices, onScroll, reveal, scrollTop };
}
