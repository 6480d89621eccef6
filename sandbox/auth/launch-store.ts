// EHR launch values and the launch context kept per grant.
// A launch value is 256 random bits, valid for 10 minutes and redeemable by up to
// MAX_LAUNCH_USES authorizations: a reload of the launching iframe (or React
// StrictMode running the launch twice) must not break the demo, while a leaked
// value still dies quickly.
import { randomBytes } from 'node:crypto';
import type { LaunchContext } from '../contracts';

export const LAUNCH_TTL_MS = 10 * 60 * 1000;
export const MAX_LAUNCH_USES = 3;

/** What a grant carries besides scopes; repeated in every token response of the grant. */
export interface GrantContext {
  patient?: string;
  encounter?: string;
  fhirUser?: string;
  needPatientBanner?: boolean;
  intent?: string;
}

interface StoredLaunch {
  context: LaunchContext;
  expiresAt: number;
  usesLeft: number;
}

export class LaunchStore {
  readonly #launches = new Map<string, StoredLaunch>();
  readonly #grants = new Map<string, GrantContext>();

  constructor(private readonly now: () => number = Date.now) {}

  create(context: LaunchContext): string {
    this.#sweep();
    const value = randomBytes(32).toString('base64url');
    this.#launches.set(value, { context: { ...context }, expiresAt: this.now() + LAUNCH_TTL_MS, usesLeft: MAX_LAUNCH_USES });
    return value;
  }

  /** The launch's context if the value is known, unexpired and not used up; does not consume. */
  peek(value: string | undefined): LaunchContext | undefined {
    if (!value) return undefined;
    const stored = this.#launches.get(value);
    if (!stored || stored.expiresAt <= this.now() || stored.usesLeft <= 0) return undefined;
    return stored.context;
  }

  /** Consumes one use; undefined when the value is no longer redeemable. */
  redeem(value: string | undefined): LaunchContext | undefined {
    const context = this.peek(value);
    if (!context || !value) return undefined;
    const stored = this.#launches.get(value);
    if (stored) stored.usesLeft -= 1;
    return context;
  }

  setGrantContext(grantId: string, context: GrantContext): void {
    this.#grants.set(grantId, context);
  }

  grantContext(grantId: string | undefined): GrantContext | undefined {
    return grantId ? this.#grants.get(grantId) : undefined;
  }

  #sweep(): void {
    const now = this.now();
    for (const [value, stored] of this.#launches) if (stored.expiresAt <= now) this.#launches.delete(value);
  }
}
