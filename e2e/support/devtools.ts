// DevTools' own window, reached over the DevTools protocol: Playwright does not offer DevTools' front-end or the
// extension panels inside it as pages, but Chromium opens DevTools for each tab with --auto-open-devtools-for-tabs
// (headless too), and its front-end and the panels' frames are targets a page's CDP session can attach to. Showing a
// panel uses DevTools' own front-end module (InspectorView.showPanel, as its tab strip does): tied to the DevTools of
// the Chromium under test, it fails with the front-end's error if that module moves, never silently.
import type { CDPSession, Page } from "@playwright/test";

/** A target attached through a page's CDP session (not flat: Playwright's session sends to one target only). */
export class Target {
  private next = 0;
  private readonly waiting = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();

  private constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
  ) {
    cdp.on("Target.receivedMessageFromTarget", (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== this.sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return;
      this.waiting.get(message.id)?.(message);
      this.waiting.delete(message.id);
    });
  }

  static async attach(cdp: CDPSession, targetId: string): Promise<Target> {
    const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: false });
    return new Target(cdp, sessionId);
  }

  /** Evaluates an expression in the target (awaiting a promise), and returns its value. @throws its exception */
  async evaluate<T>(expression: string): Promise<T> {
    const id = ++this.next;
    const answer = new Promise<{ result?: unknown; error?: { message: string } }>((resolve) =>
      this.waiting.set(id, resolve),
    );
    await this.cdp.send("Target.sendMessageToTarget", {
      sessionId: this.sessionId,
      message: JSON.stringify({
        id,
        method: "Runtime.evaluate",
        params: { expression, awaitPromise: true, returnByValue: true },
      }),
    });
    const message = await answer;
    if (message.error) throw new Error(message.error.message);
    const result = message.result as {
      result: { value?: T };
      exceptionDetails?: { exception?: { description?: string }; text: string };
    };
    if (result.exceptionDetails)
      throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
    return result.result.value as T;
  }
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

const targets = async (cdp: CDPSession): Promise<TargetInfo[]> =>
  ((await cdp.send("Target.getTargets")) as { targetInfos: TargetInfo[] }).targetInfos;

/** Looks until `find` finds, 100 ms apart: DevTools and its panels open a moment after they are asked for. */
async function until<T>(what: string, find: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The DevTools front-end that inspects `page` (opened by --auto-open-devtools-for-tabs), attached.
 * @param cdp a CDP session of any page of the browser
 */
export function devToolsOf(cdp: CDPSession, page: Page): Promise<{ front: Target; targetId: string }> {
  return until(`DevTools front-end inspecting ${page.url()}`, async () => {
    for (const t of await targets(cdp)) {
      if (t.type !== "page" || !t.url.startsWith("devtools://")) continue;
      const front = await Target.attach(cdp, t.targetId);
      const inspected = await front
        .evaluate<string>(
          `import("devtools://devtools/bundled/core/sdk/sdk.js").then((sdk) => sdk.TargetManager.TargetManager.instance().primaryPageTarget()?.inspectedURL() ?? "")`,
        )
        .catch(() => "");
      if (inspected === page.url()) return { front, targetId: t.targetId };
    }
    return undefined;
  });
}

/**
 * Shows an extension's panel in a DevTools front-end, as a click on its tab does, once the extension has added it
 * (its DevTools page runs a moment after DevTools opens).
 */
export async function showPanel(front: Target, extensionId: string, title: string): Promise<void> {
  const id = JSON.stringify(`chrome-extension://${extensionId}${title}`);
  const view = `import("devtools://devtools/bundled/ui/legacy/legacy.js").then((ui) => ui.InspectorView.InspectorView.instance())`;
  await until(`panel ${title} in DevTools`, async () =>
    (await front.evaluate<boolean>(`${view}.then((view) => view.hasPanel(${id}))`)) ? true : undefined,
  );
  await front.evaluate(`${view}.then((view) => view.showPanel(${id}))`);
}

/** The frame of an extension page at `url` (a panel inside DevTools), attached, once there is exactly one. */
export function frameAt(cdp: CDPSession, url: string): Promise<Target> {
  return until(`frame at ${url}`, async () => {
    const found = (await targets(cdp)).filter((t) => t.type === "iframe" && t.url === url);
    if (found.length > 1) throw new Error(`${found.length} frames at ${url}, where one was shown`);
    return found.length === 1 ? Target.attach(cdp, (found[0] as TargetInfo).targetId) : undefined;
  });
}
