// The panel's side of a hand-off (core/feed/hand-off.ts): open the inspector's page, wait for it to say it is ready,
// post the session to that page's origin only, and hear whether it opened it. Nothing else is sent anywhere.
import {
  HAND_OFF_READY,
  HAND_OFF_RESULT,
  HAND_OFF_SESSION,
  type HandOffResult,
  type HandOffSession,
} from "../../core/feed/hand-off.js";

/** How long the inspector's page has to load and say it is ready, then to read the session. */
export const HAND_OFF_WAIT_MS = 30_000;

/**
 * Opens `address` and hands it the session. @returns the rows the inspector opened
 * @throws Error saying what went wrong (not opened, no answer, the inspector's own reason)
 */
export function handOff(address: URL, name: string, text: string, waitMs = HAND_OFF_WAIT_MS): Promise<number> {
  const page = window.open(address.href, "_blank");
  if (!page) return Promise.reject(new Error("The browser did not open the inspector's page (a pop-up blocker?)"));
  return new Promise<number>((resolve, reject) => {
    let sent = false;
    const timer = setTimeout(() => {
      finish();
      reject(
        new Error(
          sent
            ? `The inspector at ${address.origin} took the session but did not say it opened it within ${waitMs / 1000} s`
            : `The inspector at ${address.origin} did not say it was ready within ${waitMs / 1000} s: is it running there (opened once with the address it printed, token included), and is it this version's inspector?`,
        ),
      );
    }, waitMs);
    const onMessage = (event: MessageEvent) => {
      if (event.source !== page || event.origin !== address.origin) return;
      const type = (event.data as { type?: unknown } | null)?.type;
      if (type === HAND_OFF_READY && !sent) {
        sent = true;
        const message: HandOffSession = { type: HAND_OFF_SESSION, name, text };
        page.postMessage(message, address.origin);
      } else if (type === HAND_OFF_RESULT && sent) {
        finish();
        const result = event.data as HandOffResult;
        if (typeof result.rows === "number") resolve(result.rows);
        else reject(new Error(`The inspector did not open it: ${String(result.error ?? "no reason given")}`));
      }
    };
    function finish() {
      clearTimeout(timer);
      window.removeEventListener("message", onMessage);
    }
    window.addEventListener("message", onMessage);
  });
}
