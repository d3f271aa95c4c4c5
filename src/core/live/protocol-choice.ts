// Server version "auto": which Socket.IO protocol a session speaks, learned from the server. It starts in v3/v4 and,
// when the server's first answer is Engine.IO 3 or its CONNECT has no session id, the session starts again in v2.
// Read off the records themselves (their shape and codes), never off words; the notes say why, for the timeline.
import type { ClientRecord } from "../../client/observe/records.js";
import type { ConnectionConfig } from "../connection/config.js";
import { isSidlessConnect } from "../feed/records.js";

/** What a record tells of the protocol: v3/v4 is settled, or the session must start again in v2 (with why). */
export type ProtocolVerdict = { settle: "v4"; note: string } | { switchToV2: string } | undefined;

export class ProtocolChoice {
  protocol: "v4" | "v2";
  /** With auto: whether the server has told which protocol it speaks. */
  settled: boolean;

  constructor(serverVersion: ConnectionConfig["serverVersion"]) {
    this.protocol = serverVersion === "v2" ? "v2" : "v4";
    this.settled = serverVersion !== "auto";
  }

  /** The protocol spoken, as the status says it: "auto" until the server told. */
  get shown(): "v4" | "v2" | "auto" {
    return this.settled ? this.protocol : "auto";
  }

  /**
   * The answer to a handshake made by hand before the client was made (see engine-probe.ts): settles the protocol.
   * @returns the note for the timeline
   */
  told(eio: 3 | 4, transports: readonly string[]): string {
    const how = transports.includes("polling")
      ? `its handshake is ${eio === 3 ? "framed in Engine.IO 3" : "Engine.IO 4"} (asked with one polling request, closed at once)`
      : `its WebSocket handshake was ${eio === 3 ? "followed by the CONNECT a v2 server sends unasked" : "not followed by an unasked CONNECT"} (asked with one WebSocket, closed at once)`;
    this.settled = true;
    this.protocol = eio === 3 ? "v2" : "v4";
    return eio === 3
      ? `Server version auto: Socket.IO v2 (Engine.IO 3): ${how}`
      : `Server version auto: Socket.IO v3/v4 (Engine.IO 4): ${how}`;
  }

  /** Reads one of the client's first records, while the protocol is not settled. */
  read(record: ClientRecord): ProtocolVerdict {
    if (this.settled) return undefined;
    if (record.kind === "connect") {
      this.settled = true;
      return {
        settle: "v4",
        note: `Server version auto: Socket.IO v3/v4 (Engine.IO 4): the server's CONNECT of ${record.nsp} carried a session id`,
      };
    }
    if (record.kind === "error" && record.error?.code === "parser error")
      return this.toV2(
        "its first answer is not Engine.IO 4 framing (the client read a parser error); Socket.IO v2 servers answer in Engine.IO 3",
      );
    if (record.kind === "packet" && isSidlessConnect(record))
      return this.toV2(`its CONNECT of ${record.nsp} carried no session id, as Socket.IO v2 servers answer`);
    return undefined;
  }

  private toV2(reason: string): ProtocolVerdict {
    this.settled = true;
    this.protocol = "v2";
    return { switchToV2: `Server version auto: switching to Socket.IO v2 (Engine.IO 3): ${reason}` };
  }
}
