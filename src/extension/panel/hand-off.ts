// The panel's side of a hand-off (core/feed/hand-off.ts): open the inspector's page, wait for it to say it is ready,
// post the session to that page's origin only, and hear whether it opened it. Nothing else is sent anywhere.
import {
  HAND_OFF_READY,
  HAND_OFF_RESULT,
  HAND_OFF_SESSION,
  type HandOffResult,
  type HandOffSession,
} from "../../core/feed/hand-off.js";
import { InspectorError, problem, type Cause } from "../../core/shared/errors.js";

/** The inspector's reason, when its answer carries one of the right shape (it is another page's message). */
function causeOf(value: unknown): { cause?: Cause } {
  const code = (value as { code?: unknown } | null)?.code;
  return typeof code === "string" ? { cause: { code, params: (value as { params?: unknown }).params } } : {};
}

/** How long the inspector's page has to load and say it is ready, then to read the session. */
export const HAND_OFF_WAIT_MS = 30_000;

/**
 * Opens `address` and hands it the session. @returns the rows the inspector opened
 * @throws InspectorError saying what went wrong (not opened, no answer, the inspector's own reason)
 */
export function handOff(address: URL, name: string, text: string, waitMs = HAND_OFF_WAIT_MS): Promise<number> {
  const page = window.open(address.href, "_blank");
  if (!page) return Promise.reject(new InspectorError(problem("popup-blocked")));
  return new Promise<number>((resolve, reject) => {
    let sent = false;
    const timer = setTimeout(() => {
      finish();
      const waited = { origin: address.origin, seconds: waitMs / 1000 };
      reject(new InspectorError(sent ? problem("hand-off-no-answer", waited) : problem("hand-off-not-ready", waited)));
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
        else reject(new InspectorError(problem("hand-off-refused", causeOf(result.problem))));
      }
    };
    function finish() {
      clearTimeout(timer);
      window.removeEventListener("message", onMessage);
    }
    window.addEventListener("message", onMessage);
  });
}
