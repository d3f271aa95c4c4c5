export function startInspectProxy(options: { target: string; port?: number; host?: string; path?: string; headers?: Record<string, string> }): Promise<{ url: string; close(): Promise<void> }>;
