import { problem, type Problem } from "../../shared/errors.js";
import { DEFAULT_TIMEOUT, POLL_MS, StepFailure, now, read, strip, type StepContext, type StepKind } from "./kind.js";

/**
 * Checks what the server itself knows (its Admin UI view): a client's socket is, or is not, in a room; or how many
 * sockets a namespace (or a room of it) holds. Waits up to `within` ms for it to hold.
 */
export interface ServerStateStep {
  kind: "server-state";
  nsp: string;
  /** Whose socket is checked: one of the scenario's clients. */
  client?: string;
  room?: string;
  /** With client and room: in the room (the default) or not. */
  inRoom?: boolean;
  /** How many sockets the namespace holds (or, with room and no client, the room). */
  sockets?: number;
  within?: number;
}

/** What does not hold now, or why it cannot be told yet. */
function problems(step: ServerStateStep, ctx: StepContext): Problem[] {
  const view = ctx.serverView();
  const status = view.status();
  if (status.state !== "open")
    return [problem("view-not-open", { state: status.state, ...(status.problem ? { cause: status.problem } : {}) })];
  if (status.mode !== "development") return [problem("view-production", { mode: status.mode })];
  const out: Problem[] = [];
  if (step.client !== undefined && step.room !== undefined) {
    const id = ctx
      .running(step.client)
      ?.socketStatus()
      .find((s) => s.nsp === step.nsp && s.connected)?.id;
    const want = step.inRoom ?? true;
    if (!id) out.push(problem("client-no-connected-socket", { client: step.client, nsp: step.nsp }));
    else {
      const inRoom = view.model.inRoom(step.nsp, id, step.room);
      if (inRoom === undefined) out.push(problem("server-lists-no-socket", { id, client: step.client, nsp: step.nsp }));
      else if (inRoom !== want) out.push(problem("socket-room", { client: step.client, id, inRoom, room: step.room }));
    }
  }
  if (step.sockets !== undefined) {
    const count =
      step.room !== undefined && step.client === undefined
        ? view.model.roomSize(step.nsp, step.room)
        : view.model.countIn(step.nsp);
    if (count !== step.sockets)
      out.push(
        problem("socket-count", {
          count,
          ...(step.room && !step.client ? { room: step.room } : {}),
          nsp: step.nsp,
          want: step.sockets,
        }),
      );
  }
  return out;
}

export const serverState: StepKind<ServerStateStep> = {
  kind: "server-state",
  fields: ["kind", "nsp", "client", "room", "inRoom", "sockets", "within"],
  read(r, o, at, path) {
    const step: ServerStateStep = {
      kind: "server-state",
      nsp: read.nsp(r, o.nsp, at("nsp")),
      ...strip({
        client: read.optional(o.client, () => read.client(r, o.client, at("client"))),
        room: read.optional(o.room, () => r.string(o.room, at("room"), { max: 500, empty: false })),
        inRoom: read.optional(o.inRoom, () => r.boolean(o.inRoom, at("inRoom"))),
        sockets: read.optional(o.sockets, () => r.number(o.sockets, at("sockets"), { max: 1_000_000 }) as number),
        within: read.optional(o.within, () => read.ms(r, o.within, at("within"))),
      }),
    };
    if (step.client !== undefined && step.room === undefined)
      r.fail(at("room"), problem("needed-with", { with: "client" }));
    if (step.inRoom !== undefined && (step.client === undefined || step.room === undefined))
      r.fail(at("inRoom"), problem("needs-fields", { fields: "client and room" }));
    if (step.room === undefined && step.sockets === undefined)
      r.fail(path || "the step", problem("checks-nothing", { give: "client and room, or sockets" }));
    return step;
  },
  describe(step) {
    const checks: string[] = [];
    if (step.client !== undefined && step.room !== undefined)
      checks.push(
        `${step.client}'s socket on ${step.nsp} is ${step.inRoom === false ? "not " : ""}in room ${step.room}`,
      );
    if (step.sockets !== undefined)
      checks.push(
        `${step.sockets} ${step.sockets === 1 ? "socket" : "sockets"} ${step.room && !step.client ? `in room ${step.room} of` : "on"} ${step.nsp}`,
      );
    return `the server: ${checks.join(", ")}`;
  },
  template: (client) => ({ kind: "server-state", nsp: "/", client, room: "lobby" }),
  async run(step, ctx) {
    const within = step.within ?? DEFAULT_TIMEOUT;
    const deadline = now() + within;
    for (;;) {
      const found = problems(step, ctx);
      if (found.length === 0) return;
      if (now() >= deadline) throw new StepFailure(problem("server-state-failed", { within, found }));
      await ctx.pause(Math.min(POLL_MS, deadline - now()));
    }
  },
  artillery: (_step, ctx) => ctx.untranslated(problem("artillery-server-side")),
};
