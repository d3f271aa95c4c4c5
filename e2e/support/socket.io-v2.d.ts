// socket.io 2.x (installed under the alias socket.io-v2 for the doctor's tests) ships no types.
declare module "socket.io-v2" {
  import type { Server as HttpServer } from "node:http";
  const createServer: (http: HttpServer) => { close(): void };
  export default createServer;
}
