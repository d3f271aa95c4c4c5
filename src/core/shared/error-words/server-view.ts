// Words for the server's own view (the Socket.IO Admin UI protocol): its settings, why it is refused, what it says in
// the timeline about itself, and the operations asked of the server.
import type { Cause, Say, Words } from "./say.js";

/** An operation asked of the server through its admin namespace (view-asked). */
export type AskedOperation =
  | { operation: "join" | "leave"; who: string; room: string }
  | { operation: "disconnect"; who: string }
  | { operation: "emptyRoom" | "disconnectRoom"; room: string }
  | { operation: "emit"; event: string; room: string };
const asked = (p: AskedOperation, nsp: string): string => {
  switch (p.operation) {
    case "join":
      return `make ${p.who} join room ${p.room}`;
    case "leave":
      return `make ${p.who} leave room ${p.room}`;
    case "disconnect":
      return `disconnect ${p.who}`;
    case "emptyRoom":
      return `make every socket of room ${p.room} leave it`;
    case "disconnectRoom":
      return `disconnect every socket of room ${p.room}`;
    case "emit":
      return `emit “${p.event}” to ${p.room ? `room ${p.room}` : "every socket"} of ${nsp}`;
  }
};

export const SERVER_VIEW_WORDS = {
  "admin-namespace-slash": () => 'Admin namespace must start with "/" (for example /admin)',
  "server-view-needs-relay": () =>
    "The server view goes the client's Route: this page was not opened from the inspector's server",
  "server-view-credentials": (p: { namespace: string }) =>
    `${p.namespace} refused the credentials: check Admin username and Admin password (the server keeps a bcrypt hash of the password)`,
  "server-view-no-namespace": (p: { namespace: string }) =>
    `The server has no ${p.namespace} namespace: is instrument(io, { ... }) from @socket.io/admin-ui called, with this namespaceName?`,
  "server-view-connect-failed": (p: { cause: Cause }, say: Say) => `The server view could not connect: ${say(p.cause)}`,
  "server-view-not-connected": () => "Connect the server view first",
  "server-view-feature-missing": (p: { feature: string }) =>
    `The server does not offer this (its admin UI announces no ${p.feature} feature)`,

  // What the view says of itself in the timeline ("server view: ..." rows).
  "view-says": (p: { cause: Cause }, say: Say) => `server view: ${say(p.cause)}`,
  "view-connected": (p: { namespace: string; url: string }) => `connected to ${p.namespace} of ${p.url}`,
  "view-disconnected": (p: { reason: string }) => `disconnected: ${p.reason}`,
  "view-production-mode": () =>
    'the server runs the admin UI in production mode: stats only, no sockets, rooms or events (instrument(io, { mode: "development" }) sends them)',
  "view-asked": (p: { asked: AskedOperation; nsp: string }) =>
    `you asked the server to ${asked(p.asked, p.nsp)} on ${p.nsp}`,
} satisfies Record<string, Words>;
