// The words of the captures (a HAR file, a watched page) for what they hold that cannot be read. Framework-free.
import { clip } from "./frame-decoder.js";

/** What a capture holds that cannot be read, in words: one place for them (a HAR's pieces, a watched page's frames). */
export const CAPTURE_WORDS = {
  messageNotJson: (entry: number, message: number) =>
    `entry ${entry}, WebSocket message ${message}: not valid JSON (the file may be cut or edited); the rest was read`,
  messageWithoutData: (entry: number, message: number) =>
    `entry ${entry}, WebSocket message ${message}: it has no "data"; the rest was read`,
  messageNotBase64: (entry: number, message: number, dir: "in" | "out", data: string) =>
    `entry ${entry}, WebSocket message ${message} (${dir === "in" ? "received" : "sent"} ${clip(data)}): binary data ("opcode": 2) that is not base64; the rest was read`,
  pollingNotBase64: (entry: number, post: boolean) =>
    `entry ${entry} (a polling ${post ? "POST" : "GET"}): its content is marked base64 but is not base64; the rest was read`,
  liveNotBase64: (dir: "in" | "out") =>
    `a binary WebSocket message the browser ${dir === "in" ? "received" : "sent"} that is not base64`,
  livePollingNotBase64: (post: boolean) =>
    `a polling ${post ? "POST" : "GET"} whose body the browser gave as base64 that is not base64`,
  entryNotJson: (name: string, entry: number) =>
    `${name}: entry ${entry} is not valid JSON (the file may be cut or edited): left out, the rest was read`,
} as const;
