import { ConcurrencyLimit } from './concurrency-limit';

const refused = () => new Error('refused');

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('ConcurrencyLimit', () => {
  it('runs at most `max` tasks at once, lets waiting ones in as others finish, in order', async () => {
    const limit = new ConcurrencyLimit(2, 10);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, index) =>
      limit.run(async () => {
        started.push(index);
        await g.opened;
        return index;
      }, refused),
    );
    await new Promise(setImmediate);
    expect(started).toEqual([0, 1]);
    expect(limit.inUse).toEqual({ active: 2, waiting: 2 });

    gates[1].open();
    await runs[1];
    await new Promise(setImmediate);
    expect(started).toEqual([0, 1, 2]);
    gates.forEach((g) => g.open());
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(limit.inUse).toEqual({ active: 0, waiting: 0 });
  });

  it('refuses at once past the waiting room, and frees the slot of a task that failed', async () => {
    const limit = new ConcurrencyLimit(1, 1);
    const g = gate();
    const first = limit.run(() => g.opened, refused);
    const second = limit.run(async () => 'second', refused);
    await expect(limit.run(async () => 'third', refused)).rejects.toThrow('refused');
    g.open();
    await first;
    expect(await second).toBe('second');
    await expect(limit.run(() => Promise.reject(new Error('boom')), refused)).rejects.toThrow('boom');
    expect(await limit.run(async () => 'after', refused)).toBe('after');
    expect(limit.inUse).toEqual({ active: 0, waiting: 0 });
  });
});
