export interface BundleSize {
  min: number;
  gzip: number;
}
export function measureBundles(): Promise<{ ours: BundleSize; official: BundleSize; ratio: number; v2: BundleSize }>;
