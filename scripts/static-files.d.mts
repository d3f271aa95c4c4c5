import type { ServerResponse } from "node:http";
export const BUILT_INSPECTOR: string;
export function sendFile(res: ServerResponse, root: string, pathname: string): boolean;
export function serveInspector(options?: {
  port?: number;
  host?: string;
  root?: string;
}): Promise<{ url: string; close(): Promise<void> }>;
