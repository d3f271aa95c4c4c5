import { startBenchServer } from "./support.mjs";
import { benchInspectorIngest, benchRetention } from "./browser.mjs";
const r = await benchInspectorIngest({ serverFactory: startBenchServer, rates: [1000, 5000, 10000, 20000], seconds: 2 });
console.log(JSON.stringify(r, null, 1));
const m = await benchRetention({ serverFactory: startBenchServer, sizes: [100000] });
console.log(JSON.stringify(m, null, 1));
process.exit(0);
