// Server version "auto": which Socket.IO protocol a session speaks, learned from the server. It starts in v3/v4 and,
// when the server's first answer is Engine.IO 3 or its CONNECT has no session id, the session starts again in v2.
// Read off the records themselves (their shape and codes), never off words; the notes say why, for the timeline.
import type { ClientRecord } from "../../client/observe/records.js";
import type { ConnectionConfig } from "../connection/config.js";
import { isSidlessConnect } from "../feed/records.js";
import { problem, type Problem } from "../shared/errors.js";
import { ENGINE_PARSER_ERROR } from "../shared/peer-words.js";

/** What a record tells of the protocol: v3/v4 is settled, or the session must start again in v2 (with why). */
export type ProtocolVerdict = { settle: "v4"; note: Problem } | { switchToV2: Problem } | undefined;

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
  told(eio: 3 | 4, transports: readonly string[]): Problem {
    this.settled = true;
    this.protocol = eio === 3 ? "v2" : "v4";
    return problem("protocol-told", { eio, polling: transports.includes("polling") });
  }

  /** Reads one of the client's first records, while the protocol is not settled. */
  read(record: ClientRecord): ProtocolVerdict {
    if (this.settled) return undefined;
    if (record.kind === "connect") {
      this.settled = true;
      return { settle: "v4", note: problem("protocol-settled-v4", { nsp: record.nsp }) };
    }
    if (record.kind === "error" && record.error?.code === ENGINE_PARSER_ERROR)
      return this.toV2(problem("protocol-v2-by-framing"));
    if (record.kind === "packet" && isSidlessConnect(record))
      return this.toV2(problem("protocol-v2-by-connect", { nsp: record.nsp }));
    return undefined;
  }

  private toV2(why: Problem): ProtocolVerdict {
    this.settled = true;
    this.protocol = "v2";
    return { switchToV2: why };
  }
}
