/**
 * At most `max` tasks at once and `maxWaiting` waiting for a turn, in arrival order; a task beyond
 * both is refused at once (`refuse()` is thrown), so a caller under overload gets a fast answer
 * instead of a place at the end of a queue it would time out in.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly max: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(task: () => Promise<T>, refuse: () => Error): Promise<T> {
    if (this.active < this.max) {
      this.active += 1;
    } else {
      if (this.waiting.length >= this.maxWaiting) throw refuse();
      // The finishing task hands its slot over: `active` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }

  get inUse(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }
}
