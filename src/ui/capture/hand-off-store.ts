import { defineStore } from "pinia";
import { ref } from "vue";
import {
  HAND_OFF_READY,
  HAND_OFF_RESULT,
  isExtensionOrigin,
  readHandOff,
  type HandOffResult,
} from "../../core/feed/hand-off.js";
import { fail, problem, problemOf, type Problem } from "../../core/shared/errors.js";
import { useTimelineStore } from "../timeline/store.js";
import { whileAlive } from "../shared/scope.js";

/**
 * A session handed over by the browser extension's panel, when the panel opened this page: the page tells its opener
 * it is ready (a message that carries nothing), takes one session from a browser extension's page (a web page that
 * opened the inspector is not heard), reads it as any session file is read (every line checked, the size bounded)
 * and opens it in the file view. The opener hears whether it opened, and why not.
 */
export const useHandOffStore = defineStore("hand-off", () => {
  const timeline = useTimelineStore();
  const shown = ref<Problem>();
  let taken = false;

  async function open(name: string, text: string): Promise<number> {
    // Opened as a file of the user's is (loaded when a session comes: the first screen does not need it).
    const { openRecordText } = await import("../../core/files/open-records.js");
    const opened = await openRecordText(text, name);
    if (opened.kind !== "session") fail("hand-off-not-session", { name });
    await timeline.openFile(name, opened.records);
    return opened.records.length;
  }

  async function onMessage(event: MessageEvent): Promise<void> {
    if (taken || event.source !== window.opener || !isExtensionOrigin(event.origin)) return;
    const session = readHandOff(event.data);
    if ("problem" in session) return;
    taken = true;
    const answer = (result: Omit<HandOffResult, "type">) =>
      (event.source as WindowProxy).postMessage({ type: HAND_OFF_RESULT, ...result }, event.origin);
    try {
      answer({ rows: await open(session.name, session.text) });
      shown.value = undefined;
    } catch (err) {
      // A bad session changes nothing on screen: it says why, here and to the panel.
      const why = problemOf(err);
      shown.value = problem("hand-off-not-opened", { cause: why });
      answer({ problem: why });
    }
  }

  if (typeof window !== "undefined" && window.opener) {
    const listener = (event: MessageEvent) => void onMessage(event);
    window.addEventListener("message", listener);
    whileAlive(() => window.removeEventListener("message", listener));
    // Nothing but "ready": any opener may hear it, and only an extension's page is heard back.
    (window.opener as WindowProxy).postMessage({ type: HAND_OFF_READY }, "*");
  }

  return { problem: shown };
});
