/**
 * What the `dlq-replayer` group has replayed on one partition: every offset below `next`, plus the
 * offsets above it replayed one by one (kept in the commit's metadata string). The committed offset
 * alone cannot say "15 replayed, 12 not", and a message must be replayed once.
 */
export interface ReplayState {
  next: bigint;
  replayed: ReadonlySet<bigint>;
}

export function parseReplayState(committed: string, metadata: string | null, low: bigint): ReplayState {
  const offset = BigInt(committed);
  // -1: the group never committed here. Below low: those messages were deleted by retention.
  const next = offset < low ? low : offset;
  let listed: unknown = [];
  try {
    listed = metadata ? (JSON.parse(metadata) as { replayed?: unknown }).replayed : [];
  } catch {
    listed = [];
  }
  const replayed = new Set<bigint>();
  for (const value of Array.isArray(listed) ? listed : []) {
    if (typeof value === 'string' && /^\d+$/.test(value) && BigInt(value) >= next)
      replayed.add(BigInt(value));
  }
  return { next, replayed };
}

export function formatReplayMetadata(state: ReplayState): string | null {
  if (state.replayed.size === 0) return null;
  return JSON.stringify({ replayed: [...state.replayed].sort((a, b) => (a < b ? -1 : 1)).map(String) });
}

export const isReplayed = (state: ReplayState, offset: bigint): boolean =>
  offset < state.next || state.replayed.has(offset);

/** After replaying one offset: moves `next` past every offset now known to be replayed. */
export function markReplayed(state: ReplayState, offset: bigint): ReplayState {
  const replayed = new Set(state.replayed);
  replayed.add(offset);
  let next = state.next;
  while (replayed.has(next)) {
    replayed.delete(next);
    next += 1n;
  }
  return { next, replayed };
}

/** After handling everything up to and including `offset` (replayed now or before). */
export function markHandledThrough(state: ReplayState, offset: bigint): ReplayState {
  const next = offset + 1n > state.next ? offset + 1n : state.next;
  return { next, replayed: new Set([...state.replayed].filter((replayed) => replayed >= next)) };
}
