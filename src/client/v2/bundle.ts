/** Entry of the ES module build with the v2 mode: everything of the client, and `v2`. */
export * from "../index.js";
export { default } from "../index.js";
export * from "./index.js";
