// Time is injected wherever behaviour depends on it, so tests can pin it.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
