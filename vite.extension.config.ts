// The browser extension's pages (src/extension): the DevTools page and the panel, which mounts the inspector's own
// timeline components. Built into dist/extension by scripts/build-extension.mjs (with the background worker, the
// manifest and the zip).
import vue from "@vitejs/plugin-vue";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  plugins: [vue()],
  root: here("src/extension"),
  // Relative paths: the pages are served from the extension's own origin, at its root.
  base: "./",
  define: {
    __VUE_OPTIONS_API__: "false",
    __VUE_PROD_DEVTOOLS__: "false",
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
  },
  build: {
    outDir: here("dist/extension"),
    emptyOutDir: true,
    target: "chrome118",
    // Chromium preloads modules itself: no polyfill (and nothing that fetches).
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: { panel: here("src/extension/panel.html"), devtools: here("src/extension/devtools.html") },
    },
  },
});
