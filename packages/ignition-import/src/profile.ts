// Where an import's time goes, by phase (summed over batches), for the benchmark's report.
export type Profile = Record<string, number>;

/** Adds the seconds since `startedAt` (a `performance.now()`) to `phase`: for work that is not one promise. */
export function addSince(profile: Profile | undefined, phase: string, startedAt: number): void {
  if (profile) profile[phase] = (profile[phase] ?? 0) + (performance.now() - startedAt) / 1000;
}

export async function timed<T>(profile: Profile | undefined, phase: string, work: () => Promise<T>): Promise<T> {
  if (!profile) return work();
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    addSince(profile, phase, t0);
  }
}
