import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

type ModuleInfo = { isEntry: boolean; importers: readonly string[] } | null;

/**
 * Whether a module is loaded with the page's first screen (statically reachable from the entry). Those go into one
 * chunk: left to itself the bundler cuts what the first screen shares with the lazy parts into many small files,
 * and each file costs its own compression and request.
 */
function firstScreen(getModuleInfo: (id: string) => ModuleInfo) {
  const known = new Map<string, boolean>();
  const reach = (id: string, seen: Set<string>): boolean => {
    const cached = known.get(id);
    if (cached !== undefined) return cached;
    if (seen.has(id)) return false;
    seen.add(id);
    const info = getModuleInfo(id);
    const result = !!info && (info.isEntry || info.importers.some((i) => reach(i, seen)));
    if (result || seen.size === 1) known.set(id, result);
    return result;
  };
  return (id: string) => reach(id, new Set());
}

let isFirstScreen: ((id: string) => boolean) | undefined;

export default defineConfig({
  plugins: [vue()],
  // Relative asset paths, so that the built site can be served from any folder.
  base: "./",
  // Every component is <script setup>: the Options API support (and the devtools hooks) stay out of the bundle.
  define: {
    __VUE_OPTIONS_API__: "false",
    __VUE_PROD_DEVTOOLS__: "false",
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
  },
  build: {
    outDir: "dist/inspector",
    emptyOutDir: true,
    target: "es2020",
    rollupOptions: {
      output: {
        manualChunks(id, { getModuleInfo }) {
          isFirstScreen ??= firstScreen(getModuleInfo as (id: string) => ModuleInfo);
          return isFirstScreen(id) ? "first-screen" : undefined;
        },
      },
    },
  },
  // The clients' worker loads the v2 mode and the msgpack parser when first needed: module chunks, as the page's.
  worker: { format: "es" },
  server: { host: "127.0.0.1" },
});
