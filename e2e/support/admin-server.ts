// A socket.io server instrumented with @socket.io/admin-ui as its users set it up: basic auth with a bcrypt hash of
// the password, development mode (every socket, room and event). socket.io 4, or 3.1 (no room-wide operations, no
// outgoing events). Its own handlers: `join` a room (with an ack), `add` (acks the sum), `to-room` (to the others).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { instrument } from "@socket.io/admin-ui";
import bcrypt from "bcryptjs";
import { Server } from "socket.io";
import { Server as ServerV3 } from "socket.io-v3";

export const ADMIN = { username: "admin", password: "correct horse" };

export async function adminServer(version: 4 | 3 = 4) {
  const http = createServer();
  const options = { cors: { origin: true, credentials: true } };
  const io = version === 4 ? new Server(http, options) : new ServerV3(http, options);
  (io as Server).on("connection", (socket) => {
    socket.on("join", (room: string, ack?: (r: unknown) => void) => {
      void socket.join(String(room));
      ack?.({ joined: String(room) });
    });
    socket.on("add", (a: number, b: number, ack?: (sum: number) => void) => ack?.(Number(a) + Number(b)));
    socket.on("to-room", (room: string, message: unknown) => socket.to(String(room)).emit("room-message", message));
  });
  instrument(io as Server, {
    auth: { type: "basic", username: ADMIN.username, password: bcrypt.hashSync(ADMIN.password, 8) },
    mode: "development",
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    io: io as Server,
    close: () => {
      void io.close();
      http.closeAllConnections();
    },
  };
}
