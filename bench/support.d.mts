export function startBenchServer(): Promise<{ url: string; next(): Promise<unknown>; stop(): void }>;
export function loadOurClient(): Promise<typeof import("../src/client/index.js")>;
export function median(xs: number[]): number;
export function percentile(xs: number[], p: number): number;
export function sleep(ms: number): Promise<void>;
export const root: string;
