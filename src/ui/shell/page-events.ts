import { defineStore } from "pinia";
import type { Preset } from "../../core/presets/format.js";

/**
 * What happens to the live clients, announced to whoever keeps something per client (the doctor's findings, the
 * composer's choice, the event names seen): a new connection of a client starts (a Connect, Connect all, a
 * scenario's connect step), a client stops, a client is renamed (its later records carry the new name), or the live
 * rows are cleared.
 */
export type ClientEvent =
  | { kind: "started"; client: string }
  | { kind: "stopped"; client: string }
  | { kind: "renamed"; from: string; to: string }
  /** A client was removed from the forms; every client was replaced (a preset): running ones stop. */
  | { kind: "removed"; client: string }
  | { kind: "replaced" }
  /** The live rows were cleared: what was learned from them (event names seen) goes too. */
  | { kind: "cleared" };

/**
 * Everything one part of the page tells the others, by kind. A store announces what it did; each store that keeps
 * something about it takes its own part. No store writes into another's state, and none listens to another's
 * action names.
 */
export interface PageEvents {
  client: ClientEvent;
  /**
   * A preset was applied (Load, a link's Use this preset): the clients' forms, the composer (the first saved emit,
   * the ack choices) and the server view's settings each take their part. Nothing connects.
   */
  presetApplied: Preset;
  /** The saved presets as read at start, and the one the picker names: the composer learns its ack choices. */
  presetsRead: { presets: readonly Preset[]; shown: Preset | undefined };
  /** Another environment was chosen ("" for none): running clients connect again with its values. */
  environmentChosen: { name: string };
}

export type PageEventKind = keyof PageEvents;
type Listener<K extends PageEventKind> = (event: PageEvents[K]) => void;

/**
 * The page's event bus: typed by kind, synchronous (a listener runs before `announce` returns, so what it changes
 * is there for the next line of the announcer), held in this store's closure (a fresh Pinia, a fresh bus).
 */
export const usePageEvents = defineStore("page-events", () => {
  const listeners = new Map<PageEventKind, Set<Listener<PageEventKind>>>();
  /** The last event of each kind: a store made later takes what was applied before it existed (`replay`). */
  const last = new Map<PageEventKind, PageEvents[PageEventKind]>();

  function announce<K extends PageEventKind>(kind: K, event: PageEvents[K]): void {
    last.set(kind, event);
    for (const listener of [...(listeners.get(kind) ?? [])]) (listener as Listener<K>)(event);
  }

  /**
   * Hears the events of a kind; returns the undo. `replay`: hears the last one at once, if there was one (for state
   * a store made later must start from, as the preset applied before it was made).
   */
  function on<K extends PageEventKind>(kind: K, listener: Listener<K>, { replay = false } = {}): () => void {
    const set = listeners.get(kind) ?? new Set();
    listeners.set(kind, set);
    set.add(listener as Listener<PageEventKind>);
    if (replay && last.has(kind)) listener(last.get(kind) as PageEvents[K]);
    return () => set.delete(listener as Listener<PageEventKind>);
  }

  return { announce, on };
});
