// The tests' way to the fleet of cluster.mjs (shared with the screenshot and benchmark scripts).
export { freePort, startCluster, waitForPort } from "./cluster.mjs";
export type { Cluster, ClusterOptions } from "./cluster.mjs";
