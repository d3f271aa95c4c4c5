// Which Chromium to drive, and how, for the tests, the benchmarks and the screenshots alike.
import { chromium } from "@playwright/test";
import { existsSync } from "node:fs";

/**
 * The Chromium to drive: the one Playwright installed itself when there is one (an ordinary developer's
 * machine: undefined lets Playwright find it), else Debian's (/usr/bin/chromium, what CI installs), else $CHROMIUM_PATH.
 */
export function chromiumExecutable() {
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // No browser of Playwright's own: fall through to the system's.
  }
  return [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));
}

/** Flags for a sandboxed, offline machine: no background traffic that the closed network would refuse. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];
