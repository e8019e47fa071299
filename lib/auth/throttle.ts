// Slows password guessing: after 5 failures for one email, sign-in for it is refused for
// a window that doubles with each further failure (capped at 15 minutes).
// LIMITATION: counted per instance, in memory; N instances allow N times the attempts.

interface Attempts {
  failures: number;
  lockedUntil: number;
}

const FREE_FAILURES = 5;
const MAX_LOCK_MS = 15 * 60_000;

export class LoginThrottle {
  private byEmail = new Map<string, Attempts>();

  constructor(private readonly now = () => Date.now()) {}

  allow(email: string): boolean {
    return (this.byEmail.get(email)?.lockedUntil ?? 0) <= this.now();
  }

  fail(email: string) {
    const entry = this.byEmail.get(email) ?? { failures: 0, lockedUntil: 0 };
    entry.failures += 1;
    if (entry.failures >= FREE_FAILURES) {
      const lock = Math.min(MAX_LOCK_MS, 1_000 * 2 ** (entry.failures - FREE_FAILURES));
      entry.lockedUntil = this.now() + lock;
    }
    this.byEmail.set(email, entry);
  }

  succeed(email: string) {
    this.byEmail.delete(email);
  }
}

const globalKey = Symbol.for("keyward.login-throttle");
const store = globalThis as typeof globalThis & { [globalKey]?: LoginThrottle };
export const loginThrottle = (store[globalKey] ??= new LoginThrottle());
