/**
 * Entry of the standalone browser build: `<script src="socket.io.js">` defines the global `io`,
 * with `io.Manager`, `io.Socket`, `io.protocol` and `io.connect`, as the official standalone build does.
 */
import { io } from "./lookup.js";

export default io;
