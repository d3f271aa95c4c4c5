import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [vue()],
  // Relative asset paths, so that the built site can be served from any folder.
  base: "./",
  build: { outDir: "dist/inspector", emptyOutDir: true, target: "es2020" },
  server: { host: "127.0.0.1" },
});
