// Small statistics and formatting helpers shared by the sections.

/** The p-th percentile (0..100), nearest-rank method. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
};

/** Bytes as kB (1 kB = 1000 bytes, as browsers' developer tools count). */
export const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
export const ms = (value) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
export const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
export const int = (n) => Math.round(n).toLocaleString('en-US');
