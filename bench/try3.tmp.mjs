import { startBenchServer } from "./support.mjs";
import * as B from "./browser.mjs";
console.error("imported");
const r = await B.benchInspectorIngest({ serverFactory: async () => { const s = await startBenchServer(); console.error("server up"); return s; }, rates: [1000], seconds: 1 });
console.error(JSON.stringify(r));
process.exit(0);
