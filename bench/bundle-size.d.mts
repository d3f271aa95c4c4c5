export interface BundleSize {
  min: number;
  gzip: number;
}
export function measureBundles(): Promise<{ ours: BundleSize; official: BundleSize; ratio: number; v2: BundleSize }>;
/** The minified and gzipped size of a module's bundle; `resolveDir`: where its imports resolve from. */
export function size(source: string, resolveDir?: string): Promise<BundleSize>;
