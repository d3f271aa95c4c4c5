// Words the page says of what is typed into it and of its own parts (a panel's code that could not be fetched).
import type { Cause, Say, Words } from "./say.js";

export const PAGE_WORDS = {
  // Clients and their namespaces, in the form.
  "client-name-missing": () => "Give the client a name, for example alice",
  "client-name-too-long": (p: { max: number }) => `A client name has at most ${p.max} characters`,
  "client-name-taken": (p: { name: string }) => `A client named “${p.name}” exists: choose another name`,
  "last-client-stays": () => "The last client stays: there is nothing to inspect without one",
  "namespace-name-missing": () => "Give the namespace a name, for example /admin",
  "namespace-in-list": (p: { nsp: string }) => `Namespace ${p.nsp} is already in the list`,
  "namespace-unknown": (p: { nsp: string }) => `Unknown namespace ${p.nsp}`,
  /** `client`: named when there are several. */
  "connect-first": (p: { client?: string }) => (p.client ? `Connect ${p.client} first` : "Connect first"),
  /** Several clients failed at once (connect all, another environment): each one's problem, a line each. */
  "clients-failed": (p: { causes: Cause[] }, say: Say) => p.causes.map(say).join("\n"),
  "ack-args-invalid": (p: { cause: Cause }, say: Say) => `Ack arguments: ${say(p.cause)}`,
  "ack-args-not-list": () => 'Ack arguments: must be a JSON array, for example ["ok"]',
  "history-not-saved": (p: { cause: Cause }, say: Say) => `History not saved: ${say(p.cause)}`,

  // The scenario being edited: a step added from the composer or a row, a step's JSON, the scenario's name.
  "event-name-missing-first": () => "Give the event a name first",
  "args-too-deep-for-step": (p: { max: number }) =>
    `The arguments nest more than ${p.max} levels deep: too deep for a step`,
  "args-too-deep-to-expect": (p: { max: number }) =>
    `These arguments nest more than ${p.max} levels deep: too deep to expect exactly`,
  "expect-server-only": () => "Only what the server sent can be expected",
  "row-not-event-or-ack": () => "This row is not an event or an ack",
  "ack-emit-gone": () => "The emit this ack answers is no longer in the timeline",
  "emit-args-too-deep": () => "The emit's arguments nest too deep",
  "scenario-name-missing": () => "Give the scenario a name",
  /** `cause`: the JSON parser's own words (thrown). */
  "step-not-json": (p: { step: number; cause: Cause }, say: Say) => `Step ${p.step}: not valid JSON (${say(p.cause)})`,

  // Charts.
  "range-times-needed": () => "Type two times of day, as 12:01:02",
  "tables-not-copied": (p: { cause: Cause }, say: Say) => `Could not copy: ${say(p.cause)}`,

  // The timeline: its bounds, its search, what is copied from a row.
  "max-mb-range": (p: { min: number; max: number }) =>
    `Max MB must be a whole number from ${p.min} to ${p.max.toLocaleString("en-US")}`,
  "max-rows-range": (p: { min: number; max: number }) =>
    `Max rows must be a whole number from ${p.min} to ${p.max.toLocaleString("en-US")}`,
  /** `detail`: the JavaScript engine's reason, without its "Invalid regular expression: " lead. */
  "search-regex-invalid": (p: { detail: string }) => `Not a regular expression: ${p.detail}`,
  "args-too-deep-to-copy": (p: { max: number }) => `The arguments nest more than ${p.max} levels deep: not copied`,
  "not-copied": (p: { cause: Cause }, say: Say) => `Not copied: ${say(p.cause)}`,

  "event-name-missing": () => "Give the event a name",
  "room-name-missing": () => "Name the room to join",
  /** Arguments typed as one JSON text: not JSON (`cause`), or not a list. */
  "args-invalid": (p: { cause: Cause }, say: Say) => `Arguments: ${say(p.cause)}`,
  "args-not-list": () => 'Arguments: must be a JSON array, for example ["hello"]',
  "client-code-not-loaded": (p: { cause: Cause }, say: Say) =>
    `The inspector's client code could not be loaded: ${say(p.cause)}`,
  "client-code-loading": () => "The inspector's client code is still loading",
  "server-view-load-failed": (p: { cause: Cause }, say: Say) => `The server view could not be loaded: ${say(p.cause)}`,
  "server-view-loading": () => "The server view is still loading",
} satisfies Record<string, Words>;
