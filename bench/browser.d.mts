interface Step {
  rate: number;
  shown: number;
  total: number;
  frameP95: number;
  longTaskMax: number;
  delayP99: number;
  pass: boolean;
}
interface Steps {
  best: number;
  steps: Step[];
}
type ServerFactory = () => Promise<{ url: string; next(): Promise<unknown>; stop(): void }>;
export function benchInspectorIngest(opts: {
  serverFactory: ServerFactory;
  rates?: number[];
  seconds?: number;
  twoClients?: boolean;
  /** Also run the page with its clients in the clients' worker (`?worker=1`). */
  inWorker?: boolean;
}): Promise<{ inspector: Steps; inWorker?: Steps; twoClients?: Steps; counter: Steps; ratio: number }>;
export function benchRetention(opts: {
  serverFactory: ServerFactory;
  sizes?: number[];
}): Promise<
  Array<{ size: number; rows: number; bytesPerEvent: number; domNodes: number; filterMs: number; jumpMs: number }>
>;
