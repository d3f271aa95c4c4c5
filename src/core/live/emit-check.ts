import { isReservedEvent } from "../../client/socket.js";
import { byteLength, isBinary } from "../shared/binary.js";
import { fail, problem, type Problem } from "../shared/errors.js";

/** What servers accept per packet when they do not say (Node socket.io and python-socketio alike). */
export const USUAL_MAX_PAYLOAD = 1_000_000;

/** What is known of a client when one of its emits is checked. */
export interface EmitState {
  /** Whether the namespace has a socket (it was opened). */
  open: boolean;
  connected: boolean;
  /** The server's limit per packet from its handshake; 0 when not announced or no handshake yet. */
  maxPayload: number;
  handshakeSeen: boolean;
}

/**
 * Checks an emit before it is sent, the same way wherever the client runs (this thread or a worker).
 * @returns a warning for the user (undefined when none): a size the server did not announce it accepts, or an emit
 *   that waits in the send buffer.
 * @throws InspectorError when it cannot be sent (nothing is sent then).
 */
export function checkEmit(
  state: EmitState,
  nsp: string,
  event: string,
  args: unknown[],
  volatile = false,
): Problem | undefined {
  if (!state.open) fail("namespace-not-open", { nsp });
  if (isReservedEvent(event)) fail("event-reserved", { event });
  // The server would drop the connection for a packet over its limit: refuse it here, with the numbers.
  const bytes = payloadSize([event, ...args]);
  if (state.maxPayload && bytes > state.maxPayload) fail("emit-too-large", { bytes, max: state.maxPayload });
  if (!state.maxPayload && state.handshakeSeen && bytes > USUAL_MAX_PAYLOAD)
    return problem("emit-over-usual-limit", { bytes });
  if (!state.connected) return problem(volatile ? "emit-volatile-dropped" : "emit-buffered", { nsp });
  return undefined;
}

/** About how many bytes an emit takes on the wire: its JSON, plus the binary attachments. */
function payloadSize(values: unknown[]): number {
  let binary = 0;
  const json = JSON.stringify(values, (_key, value: unknown) => {
    if (isBinary(value)) {
      binary += byteLength(value);
      return 0;
    }
    return value;
  });
  return (json?.length ?? 0) + binary;
}
