// The few browser extension APIs this extension uses, typed here (a dependency for all of them would be far larger
// than what is used) and reached through one function, so that no other folder sees a global `chrome`.
import { fail } from "../core/shared/errors.js";

interface ChromeEvent<F> {
  addListener(listener: F): void;
  removeListener(listener: F): void;
}

/** A long-lived message channel between two of this extension's own contexts. */
export interface Port {
  readonly name: string;
  readonly sender?: { id?: string };
  postMessage(message: unknown): void;
  disconnect(): void;
  readonly onMessage: ChromeEvent<(message: unknown, port: Port) => void>;
  readonly onDisconnect: ChromeEvent<(port: Port) => void>;
}

export interface Debuggee {
  tabId?: number;
}

/** A debug target as chrome.debugger.getTargets tells it (pages carry their tab's id). */
export interface TargetInfo {
  id: string;
  type: string;
  tabId?: number;
  title: string;
  url: string;
  attached: boolean;
}

export interface ChromeApi {
  runtime: {
    readonly id: string;
    getURL(path: string): string;
    connect(info: { name: string }): Port;
    readonly onConnect: ChromeEvent<(port: Port) => void>;
  };
  /** Only where the manifest asks for "debugger" (the background worker, the tab chooser). */
  debugger?: {
    attach(target: Debuggee, version: string): Promise<void>;
    detach(target: Debuggee): Promise<void>;
    sendCommand(target: Debuggee, method: string, params?: object): Promise<unknown>;
    getTargets(): Promise<TargetInfo[]>;
    readonly onEvent: ChromeEvent<(source: Debuggee, method: string, params?: unknown) => void>;
    readonly onDetach: ChromeEvent<(source: Debuggee, reason: string) => void>;
  };
  tabs?: { create(properties: { url: string }): Promise<unknown> };
  action?: { readonly onClicked: ChromeEvent<(tab: unknown) => void> };
  /** Only in the pages DevTools loads (the devtools page and the panel inside DevTools). */
  devtools?: {
    inspectedWindow: { readonly tabId: number };
    panels: {
      readonly themeName: string;
      create(title: string, iconPath: string, pagePath: string, callback?: (panel: unknown) => void): void;
    };
  };
}

/** The extension APIs of this page. @throws InspectorError when this page is not one of the extension's */
export function chromeApi(): ChromeApi {
  const api = (globalThis as { chrome?: ChromeApi }).chrome;
  if (!api?.runtime?.id) fail("not-extension-page");
  return api;
}
