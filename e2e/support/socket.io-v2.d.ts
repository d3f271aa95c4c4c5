// socket.io 2.x and socket.io-client 2.x (installed under aliases, for the v2 tests) ship no types that match the
// aliases. The tests drive them through a loose surface, as JavaScript users of v2 did.
declare module "socket.io-v2" {
  import type { Server as HttpServer } from "node:http";
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const createServer: (http: HttpServer, options?: Record<string, unknown>) => any;
  export default createServer;
}

declare module "socket.io-client-v2" {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const io: (url: string, options?: Record<string, unknown>) => any;
  export default io;
}

declare module "socket.io-v3" {
  import type { Server as HttpServer } from "node:http";
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export const Server: new (http: HttpServer, options?: Record<string, unknown>) => any;
}
