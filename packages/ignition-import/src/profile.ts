// Where an import's time goes, by phase (summed over batches), for the benchmark's report.
export type Profile = Record<string, number>;

export async function timed<T>(profile: Profile | undefined, phase: string, work: () => Promise<T>): Promise<T> {
  if (!profile) return work();
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    profile[phase] = (profile[phase] ?? 0) + (performance.now() - t0) / 1000;
  }
}
