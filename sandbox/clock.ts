// The sandbox clock: real time, or real time sped up for demos and tests
// (SANDBOX_CLOCK_SPEED=60 makes one real minute one sandbox hour). Only the vendor
// simulator reads it: it decides when a pickup is due and stamps its milestones with it.
export interface SandboxClock {
  /** The sandbox's current time. */
  now(): Date;
  /** Sandbox milliseconds per real millisecond (1 = real time). */
  readonly speed: number;
}

export interface SandboxClockOptions {
  speed?: number;
  /** The real clock (injectable for tests); default Date.now. */
  realNow?: () => number;
}

/** Reads SANDBOX_CLOCK_SPEED: a positive number, default 1; anything else is refused with a clear message. */
export function clockSpeedFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 1;
  const speed = Number(raw);
  if (!Number.isFinite(speed) || speed <= 0) throw new Error(`SANDBOX_CLOCK_SPEED must be a positive number (1 = real time, 60 = one hour per minute), not "${raw}"`);
  return speed;
}

/** Starts at the real time now and runs `speed` times as fast from there. */
export function createSandboxClock(opts: SandboxClockOptions = {}): SandboxClock {
  const realNow = opts.realNow ?? Date.now;
  const speed = opts.speed ?? 1;
  const origin = realNow();
  return {
    speed,
    now: () => new Date(speed === 1 ? realNow() : origin + (realNow() - origin) * speed),
  };
}
