import { chromium } from "@playwright/test";
import { existsSync } from "node:fs";

/**
 * The Chromium to drive: the one Playwright installed itself when there is one (an ordinary developer's
 * machine), else Debian's (/usr/bin/chromium, what CI installs), else $CHROMIUM_PATH.
 */
export function chromiumExecutable(): string | undefined {
  let own: string | undefined;
  try {
    own = chromium.executablePath();
  } catch {
    own = undefined;
  }
  if (own && existsSync(own)) return undefined; // Playwright finds its own
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Flags for a sandboxed, offline machine: no background traffic that the closed network would refuse. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];
