export function benchServerPanel(options?: { sockets?: number }): Promise<{
  sockets: number;
  firstRenderMs: number;
  filterMs: number;
  matching: number;
}>;
