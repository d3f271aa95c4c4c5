import type { ProbeResult, WebSocketProbe } from "../connection/engine-probe.js";
import type { ConnectionConfig } from "../connection/config.js";
import { CHECK_RULES, factsOf } from "./check-rules.js";
import type { CheckReport } from "./check-report.js";

export {
  COMMON_PATHS,
  RELAY_FIX,
  describeProbe,
  isEngineHandshake,
  normalizePath,
  where,
  type CheckReport,
} from "./check-report.js";

/** What a probe of the Engine.IO path saw (core/connection/engine-probe.ts makes them). */
export type { ProbeResult, WebSocketProbe };

/** One finding of the connection doctor: what happened in plain words, the evidence, and the fix. */
export interface Diagnosis {
  id: string;
  title: string;
  explanation: string;
  evidence: string[];
  fix: string;
  /** "problem": something is wrong; "unchecked": a check could not be made (said with its reason, never guessed). */
  severity?: "problem" | "unchecked";
  /** What the server is, when it could be told. */
  server?: string;
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url.replace(/^ws/i, "http")).hostname;
    return host === "localhost" || host.endsWith(".localhost") || /^127\./.test(host) || host === "[::1]";
  } catch {
    return false;
  }
}

/** Findings from the configuration alone, before anything is sent. */
export function diagnoseConfig(config: ConnectionConfig, pageProtocol: string): Diagnosis[] {
  // Browsers treat loopback as secure: an https page may still reach http://localhost or 127.0.0.1. Through the
  // local server, the page talks to loopback only.
  if (
    config.route !== "relay" &&
    pageProtocol === "https:" &&
    /^(http|ws):/i.test(config.url) &&
    !isLoopback(config.url)
  ) {
    return [
      {
        id: "mixed-content",
        title: "Mixed content: an https page cannot open http:// or ws:// connections",
        explanation: `This inspector page is served over https, and the server URL ${config.url} is not: the browser blocks such requests before they leave.`,
        evidence: [`page: ${pageProtocol}//`, `server URL: ${config.url}`],
        fix: "Use https:// (wss://) for the server, or open the inspector over http (npm run dev, or the same-origin proxy).",
      },
    ];
  }
  return [];
}

/** Findings from the checks: the first of the rules (check-rules.ts) that holds, in their order. */
export function diagnoseChecks(report: CheckReport, config: ConnectionConfig, pageOrigin: string): Diagnosis[] {
  const facts = factsOf(report, config, pageOrigin);
  for (const rule of CHECK_RULES) {
    if (!rule.when(facts)) continue;
    const found = rule.finding(facts);
    if (!found) return [];
    return found.severity === "unchecked"
      ? [{ ...found, evidence: facts.evidence }]
      : [{ ...found, evidence: facts.evidence, ...(facts.server?.label ? { server: facts.server.label } : {}) }];
  }
  return [];
}

/**
 * Findings of checks made while the session's connection is open: requests made by hand may be answered otherwise
 * than the session's own (a proxy, a header, a cookie), and the checks never contradict a connection that works.
 * What they found becomes one "could not check" that shows what they saw.
 */
export function againstWorkingConnection(found: Diagnosis[]): Diagnosis[] {
  const problems = found.filter((d) => d.severity !== "unchecked");
  if (problems.length === 0) return found;
  return [
    {
      id: "unchecked",
      severity: "unchecked",
      title: "The checks were answered otherwise than the connection, which works",
      explanation:
        "The connection is open, so the server is reached the way the session goes. The checks' own requests were " +
        `answered differently (they found: ${problems.map((d) => d.title).join("; ")}): something treats them ` +
        "apart (a proxy, a header or a cookie the checks do not carry), not a fault of the connection.",
      evidence: problems.flatMap((d) => d.evidence),
      fix: "Nothing to change for this connection. Run checks again after a failure for a finding about it.",
    },
  ];
}
