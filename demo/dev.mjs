// `npm run dev`: the demo socket.io server and the inspector (Vite dev server), together.
// Ports: DEMO_PORT (default 3001) and INSPECTOR_PORT (default 5173); hosts are loopback.
import { createServer } from "vite";
import { startDemoServer } from "./server.mjs";

const demo = await startDemoServer({ port: Number(process.env.DEMO_PORT ?? 3001) });
// The inspector opens with the demo server filled in.
process.env.VITE_DEMO_URL = demo.url;
const vite = await createServer({
  server: { port: Number(process.env.INSPECTOR_PORT ?? 5173), host: "127.0.0.1", strictPort: true },
});
await vite.listen();
console.log(`demo socket.io server: ${demo.url}`);
vite.printUrls();

const stop = async () => {
  await Promise.all([vite.close(), demo.close()]);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
