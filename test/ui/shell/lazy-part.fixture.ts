// A part of the page in a module of its own, for lazy.test.ts: what a dynamic import() of a component gives.
import { defineComponent, h } from "vue";

export default defineComponent({ name: "LazyFixture", render: () => h("p", "the part") });
