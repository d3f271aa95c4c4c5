export function startInspectProxy(options: {
  target: string;
  port?: number;
  host?: string;
  path?: string;
  headers?: Record<string, string>;
  token?: string;
  root?: string;
}): Promise<{ url: string; origin: string; close(): Promise<void> }>;
