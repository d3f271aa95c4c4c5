// The doctor's store on hand-driven records: it reads the feed, and starts afresh on any new connection of a client,
// whoever makes it (Connect, Connect all, a scenario's connect step), since it hears the feed's announcements.
import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import { useClientsStore } from "../../../src/ui/connection/clients-store.js";
import { useDoctorStore } from "../../../src/ui/doctor/store.js";
import { useFeedStore } from "../../../src/ui/feed/store.js";
import { HandSource } from "../../helpers/hand-source.js";

beforeEach(() => setActivePinia(createPinia()));

function refusal(source: HandSource) {
  source.send({
    kind: "connect_error",
    nsp: "/admin",
    active: false,
    error: { message: "not authorized", data: { reason: "no token" } },
  } as never);
}

describe("the doctor's store", () => {
  it("names a refusal read off the feed, with the server's message and data", () => {
    const feed = useFeedStore();
    const doctor = useDoctorStore();
    const source = new HandSource();
    feed.add(source);
    refusal(source);
    feed.flush();
    const found = doctor.diagnoses.find((d) => d.id === "refused:/admin");
    expect(found?.title).toBe('The server refused /admin: "not authorized"');
    expect(found?.evidence).toContain('data: {reason: "no token"}');
  });

  it("a new connection of the client, announced by whoever made it, starts it afresh", () => {
    const feed = useFeedStore();
    const doctor = useDoctorStore();
    const source = new HandSource();
    feed.add(source);
    refusal(source);
    feed.flush();
    expect(doctor.diagnoses.length).toBe(1);
    feed.announce({ kind: "started", client: "client 1" }); // what a scenario's connect step does too
    expect(doctor.diagnoses).toEqual([]);
  });

  it("a renamed client keeps its findings under its new name", () => {
    const feed = useFeedStore();
    const forms = useClientsStore();
    const doctor = useDoctorStore();
    const source = new HandSource("client 1");
    feed.add(source);
    refusal(source);
    feed.flush();
    forms.renameClient("carol"); // announced through the feed
    expect(doctor.diagnoses.map((d) => d.id)).toEqual(["refused:/admin"]);
    feed.announce({ kind: "started", client: "carol" });
    expect(doctor.diagnoses).toEqual([]);
  });
});
