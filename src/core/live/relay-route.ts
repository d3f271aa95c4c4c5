// Route "relay": a client reaches its server through the local server's relay (src/server/relay.ts). The route is
// registered first; when a connection through it fails, the local server is asked why (it may have failed there: a
// name not found, a refusal, a TLS error), and each failure is said once.
import { headersFrom, type ConnectionConfig } from "../connection/config.js";
import type { Relay } from "../connection/relay.js";
import { problem, type Problem } from "../shared/errors.js";

export class RelayRoute {
  private id: string | undefined;
  /** The failure last said (its time), so that each is said once. */
  private said = 0;
  private asking = false;

  constructor(private readonly relay: Relay) {}

  /**
   * Registers the client's server with the local server.
   * @returns where the client connects instead, and the note for the timeline
   * @throws InspectorError when the local server refuses the route
   */
  async register(config: ConnectionConfig, path: string): Promise<{ url: string; path: string; note: Problem }> {
    const headers = headersFrom(config.extraHeaders, { browser: false }) ?? {};
    const route = await this.relay.register({ url: config.url, path, headers });
    this.id = route.id;
    return {
      url: route.url,
      path: route.path,
      note: problem("route-relay", { origin: this.relay.origin, target: route.target, headers: Object.keys(headers) }),
    };
  }

  /** Why the last failure happened, as the local server saw it; undefined when said already or not known. */
  async whyUnreachable(): Promise<Problem | undefined> {
    if (this.id === undefined || this.asking) return undefined;
    this.asking = true;
    try {
      const failure = await this.relay.lastFailure(this.id);
      if (!failure || failure.at <= this.said) return undefined;
      this.said = failure.at;
      return problem("relay-unreachable", { cause: failure.problem });
    } finally {
      this.asking = false;
    }
  }
}
