import { onScopeDispose, ref, watch, type Ref } from "vue";

/** An element's width in CSS pixels, followed as it changes: an SVG chart draws at its real size, text unstretched. */
export function useWidth(el: Ref<Element | null>, fallback = 480): Ref<number> {
  const width = ref(fallback);
  const observer = new ResizeObserver(([entry]) => {
    if (entry && entry.contentRect.width > 0) width.value = Math.round(entry.contentRect.width);
  });
  watch(
    el,
    (now, old) => {
      if (old) observer.unobserve(old);
      if (now) observer.observe(now);
    },
    { immediate: true },
  );
  onScopeDispose(() => observer.disconnect());
  return width;
}
