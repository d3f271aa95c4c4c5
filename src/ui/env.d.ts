/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The demo server's URL, set by `npm run dev`. */
  readonly VITE_DEMO_URL?: string;
}

declare module "*.vue" {
  import type { DefineComponent } from "vue";
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
