import { isReservedEvent } from "../../client/socket.js";
import { byteLength, formatSize, isBinary } from "../shared/binary.js";

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
 * @returns a warning for the user ("" when none): a size the server did not announce it accepts, or an emit that
 *   waits in the send buffer.
 * @throws Error when it cannot be sent (nothing is sent then).
 */
export function checkEmit(state: EmitState, nsp: string, event: string, args: unknown[], volatile = false): string {
  if (!state.open) throw new Error(`Namespace ${nsp} is not open`);
  if (isReservedEvent(event)) throw new Error(`"${event}" is a reserved event name`);
  // The server would drop the connection for a packet over its limit: refuse it here, with the numbers.
  const size = payloadSize([event, ...args]);
  if (state.maxPayload && size > state.maxPayload) {
    throw new Error(
      `The emit is ${formatSize(size)}; the server accepts at most ${formatSize(state.maxPayload)} per packet (maxPayload). Nothing was sent.`,
    );
  }
  if (!state.maxPayload && state.handshakeSeen && size > USUAL_MAX_PAYLOAD) {
    return (
      `Sent ${formatSize(size)}: the server did not announce its maxPayload, and servers usually accept 1 MB per ` +
      `packet (Node socket.io's maxHttpBufferSize, python-socketio's max_http_buffer_size) and close the connection ` +
      `on more.`
    );
  }
  if (!state.connected) {
    return volatile
      ? `${nsp} is not connected: a volatile emit is dropped, not buffered.`
      : `Buffered: ${nsp} is not connected; the emit goes out when it connects.`;
  }
  return "";
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
