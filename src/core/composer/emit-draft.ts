import type { ArgDraft } from "./typed-args.js";

/** An emit as composed: plain data, kept when sending fails, and what a preset saves. */
export interface EmitDraft {
  nsp: string;
  event: string;
  args: ArgDraft[];
  expectAck: boolean;
  ackTimeout: number;
  volatile: boolean;
  compress: boolean;
}
