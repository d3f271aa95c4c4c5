// What the doctor says of the server view: a refusal or a server that sends too little to show, in plain words.
import type { Finding } from "../doctor/session-watch.js";
import type { ServerViewStatus } from "./server-view.js";
import { words } from "../shared/errors.js";

export function serverViewFindings(status: ServerViewStatus, namespace: string): Finding[] {
  if (status.state === "refused") {
    return [
      {
        id: "server-view:refused",
        title: `Server view: ${status.problem ? words(status.problem) : "refused"}`,
        explanation:
          "The server view connects to the server's Socket.IO Admin UI namespace; the clients' own connections are " +
          "not affected.",
        evidence: [`namespace ${namespace}`],
        fix:
          'On the server: instrument(io, { auth: { type: "basic", username, password: <bcrypt hash> } }) from ' +
          "@socket.io/admin-ui, and the same namespace (namespaceName) and credentials in the Server panel.",
        since: Date.now(),
      },
    ];
  }
  if (status.state === "open" && status.mode === "production") {
    return [
      {
        id: "server-view:production",
        severity: "unchecked",
        title: "Server view: the server's admin UI runs in production mode",
        explanation:
          "In production mode the server sends its stats only: no sockets, rooms or events, so the Server panel " +
          "and the timeline cannot show the server's end.",
        evidence: ["config: no ALL_EVENTS feature"],
        fix: 'instrument(io, { mode: "development", ... }) while debugging (NODE_ENV=production selects production).',
        since: Date.now(),
      },
    ];
  }
  return [];
}
