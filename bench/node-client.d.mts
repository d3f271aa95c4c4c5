interface Rate {
  cpuRate: number;
  wallRate: number;
}
interface AckFigures {
  p50: number;
  p99: number;
  rate: number;
}
export function benchIngest(
  url: string,
  opts?: { events?: number; rounds?: number },
): Promise<{ ours: Rate; official: Rate; engine: Rate; ratioOfficial: number; ratioEngine: number }>;
export function benchAcks(
  url: string,
  opts?: { sequential?: number; pipelined?: number; rounds?: number },
): Promise<{ ours: AckFigures; official: AckFigures; ratioP50: number; ratioP99: number; ratioRate: number }>;
