// A requests-per-second limit shared by every call of one worker: a token bucket refilled continuously.
export class RateLimiter {
  private tokens: number;
  private last: number;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly rps: number,
    private readonly now: () => number = Date.now,
  ) {
    // A full second's burst would let the first second run at twice the limit; start with a small burst.
    this.tokens = Math.min(rps, Math.max(1, rps / 10));
    this.last = now();
  }

  /** Resolves when one more call may be made. Callers are served in order. */
  acquire(): Promise<void> {
    const turn = this.chain.then(() => this.take());
    this.chain = turn.catch(() => undefined);
    return turn;
  }

  private async take(): Promise<void> {
    for (;;) {
      const t = this.now();
      this.tokens = Math.min(this.rps, this.tokens + ((t - this.last) / 1000) * this.rps);
      this.last = t;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.rps) * 1000)));
    }
  }
}
