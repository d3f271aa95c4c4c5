import { onScopeDispose, reactive, ref, shallowRef, watch } from "vue";
import { useFeedStore } from "../feed/store";
import { useTimelineStore } from "../timeline/store";
import { FiguresFeed } from "./figures-feed";
import { redrawClock } from "./redraw-clock";
import { chartsSnapshot, type ChartOptions, type ChartsSnapshot } from "./snapshot";

/**
 * The charts' figures over whatever the timeline shows: the live rows (fed the feed's batches as the timeline takes
 * them), a paused timeline (the charts wait with it, and read its rows again on resume, the held records then in
 * them), or an opened session file (its rows, once). Cleared with the timeline, rebuilt when its source changes.
 *
 * The figures live outside reactivity (a proxy over them would cost on every record); what the charts draw is a
 * snapshot made at most about once a second (see redrawClock), held in a shallow ref.
 */
export function useTimelineFigures() {
  const timeline = useTimelineStore();
  const feed = useFeedStore();
  const source = new FiguresFeed();
  const options = reactive<ChartOptions>({ by: "namespace", client: "" });
  const snapshot = shallowRef<ChartsSnapshot>(chartsSnapshot(source.figures, options));
  /** How far a build of the figures from the rows is, in percent; null when none is under way. */
  const building = ref<number | null>(null);

  const clock = redrawClock(() => {
    if (document.hidden) return; // a hidden tab draws when seen again (see visibilitychange below)
    snapshot.value = chartsSnapshot(source.figures, options);
  });

  async function rebuild(): Promise<void> {
    building.value = 0;
    const done = await source.rebuild(timeline.records(), (share) => (building.value = Math.round(share * 100)));
    if (!done) return;
    building.value = null;
    clock.now();
  }

  const stopFeed = feed.subscribe((batch) => {
    // A file on screen: the live rows go on underneath, but they are not what the timeline shows. Paused: the
    // timeline holds the batch, not its rows; on resume the figures are made again from the rows.
    if (timeline.source.kind !== "live" || timeline.paused) return;
    source.add(batch);
    clock.request();
  });
  const stopClients = feed.onClient((event) => {
    if (event.kind !== "cleared" || timeline.source.kind !== "live") return;
    source.reset();
    building.value = null;
    clock.now();
  });
  // A file opened, another one, or back to live.
  watch(() => timeline.source, rebuild);
  // A file's rows cleared (the live rows' clearing is announced by the feed, above).
  watch(
    () => timeline.source.kind === "file" && timeline.totalCount === 0,
    (cleared) => {
      if (!cleared) return;
      source.reset();
      clock.now();
    },
  );
  watch(
    () => timeline.paused,
    (paused) => {
      if (!paused && timeline.source.kind === "live") void rebuild();
    },
  );
  watch(options, () => clock.now());
  const onVisible = () => !document.hidden && clock.now();
  document.addEventListener("visibilitychange", onVisible);

  void rebuild();
  onScopeDispose(() => {
    stopFeed();
    stopClients();
    clock.stop();
    source.reset();
    document.removeEventListener("visibilitychange", onVisible);
  });

  return { snapshot, options, building };
}
