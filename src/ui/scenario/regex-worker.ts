/// <reference lib="webworker" />
// The page's worker for `$regex` matchers (see regex-engine.ts): the main thread never runs a scenario's pattern.
import { answer, type RegexQuestion } from "../../core/scenario/regex-engine.js";

self.onmessage = (event: MessageEvent<RegexQuestion>) => self.postMessage(answer(event.data));
