import { describe, expectTypeOf, test } from "vitest";
import { io, type Socket } from "../../src/client/index.js";

interface ServerToClient {
  news: (text: string, count: number) => void;
  ask: (question: string, answer: (reply: boolean) => void) => void;
}
interface ClientToServer {
  hello: (name: string) => void;
  compute: (a: number, b: number, ack: (sum: number) => void) => void;
}

const socket: Socket<ServerToClient, ClientToServer> = io("http://localhost:3000");

describe("typed events", () => {
  test("listeners get the declared argument types", () => {
    socket.on("news", (text, count) => {
      expectTypeOf(text).toEqualTypeOf<string>();
      expectTypeOf(count).toEqualTypeOf<number>();
    });
    socket.on("ask", (_q, answer) => answer(true));
    // @ts-expect-error wrong listener argument type
    socket.on("news", (text: number) => text);
    socket.on("connect_error", (err) => expectTypeOf(err).toMatchTypeOf<Error>());
    socket.on("disconnect", (reason) => expectTypeOf(reason).toMatchTypeOf<string>());
  });

  test("emits are checked against the emit map", () => {
    socket.emit("hello", "world");
    socket.emit("compute", 1, 2, (sum) => expectTypeOf(sum).toEqualTypeOf<number>());
    // @ts-expect-error unknown event
    socket.emit("unknown", 1);
    // @ts-expect-error wrong argument type
    socket.emit("hello", 42);
    // @ts-expect-error missing argument
    socket.emit("compute", 1);
  });

  test("timeout() makes acks error-first; emitWithAck resolves to the reply type", () => {
    socket.timeout(1000).emit("compute", 1, 2, (err, sum) => {
      expectTypeOf(err).toEqualTypeOf<Error>();
      expectTypeOf(sum).toEqualTypeOf<number>();
    });
    expectTypeOf(socket.emitWithAck("compute", 1, 2)).toEqualTypeOf<Promise<number>>();
    expectTypeOf(socket.timeout(5).emitWithAck("compute", 1, 2)).toEqualTypeOf<Promise<number>>();
  });

  test("an untyped socket accepts anything", () => {
    const loose = io();
    loose.emit("anything", 1, "two", { three: 3 });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the untyped default map takes any arguments
    loose.on("whatever", (...args) => expectTypeOf(args).toEqualTypeOf<any[]>());
  });

  test("properties", () => {
    expectTypeOf(socket.id).toEqualTypeOf<string | undefined>();
    expectTypeOf(socket.connected).toEqualTypeOf<boolean>();
    expectTypeOf(socket.active).toEqualTypeOf<boolean>();
    expectTypeOf(socket.io.reconnectionDelay()).toEqualTypeOf<number>();
    expectTypeOf(socket.volatile).toEqualTypeOf(socket);
  });
});
