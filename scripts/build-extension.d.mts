export const OUT: string;
export function extensionManifest(version?: string): Record<string, unknown> & { version: string };
export function packageVersion(): string;
export function iconPng(size: number): Buffer;
export function buildExtension(): Promise<{ folder: string; archive: string }>;
