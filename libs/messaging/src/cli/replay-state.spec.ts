import {
  type ReplayState,
  formatReplayMetadata,
  isReplayed,
  markHandledThrough,
  markReplayed,
  parseReplayState,
} from './replay-state';

describe('replay state', () => {
  it('starts at the low watermark when the group never committed or retention deleted its position', () => {
    expect(parseReplayState('-1', null, 0n).next).toBe(0n);
    expect(parseReplayState('3', null, 10n).next).toBe(10n);
  });

  it('reads the offsets replayed one by one from the metadata, ignoring junk and stale ones', () => {
    const state = parseReplayState('5', JSON.stringify({ replayed: ['7', '3', 'x', 9] }), 0n);
    expect([...state.replayed]).toEqual([7n]);
    expect(parseReplayState('5', 'not json', 0n).replayed.size).toBe(0);
  });

  it('knows what was replayed', () => {
    const state = { next: 5n, replayed: new Set([7n]) };
    expect(isReplayed(state, 4n)).toBe(true);
    expect(isReplayed(state, 5n)).toBe(false);
    expect(isReplayed(state, 7n)).toBe(true);
  });

  it('moves the committed position over contiguous replays only', () => {
    let state: ReplayState = { next: 5n, replayed: new Set<bigint>() };
    state = markReplayed(state, 7n);
    expect(state).toEqual({ next: 5n, replayed: new Set([7n]) });
    state = markReplayed(state, 6n);
    state = markReplayed(state, 5n);
    expect(state).toEqual({ next: 8n, replayed: new Set() });
  });

  it('after --all, everything up to the offset is handled', () => {
    expect(markHandledThrough({ next: 2n, replayed: new Set([4n, 9n]) }, 5n)).toEqual({
      next: 6n,
      replayed: new Set([9n]),
    });
    expect(markHandledThrough({ next: 8n, replayed: new Set() }, 5n).next).toBe(8n);
  });

  it('round-trips through the commit metadata', () => {
    const state = { next: 1n, replayed: new Set([12n, 3n]) };
    const metadata = formatReplayMetadata(state);
    expect(metadata).toBe('{"replayed":["3","12"]}');
    expect(parseReplayState('1', metadata, 0n)).toEqual(state);
    expect(formatReplayMetadata({ next: 1n, replayed: new Set() })).toBeNull();
  });
});
