import type { INestApplication } from '@nestjs/common';
import { createValidationPipe, type CachedRead } from '@ecommerce/http';
import { SearchQueryDto } from './dto';
import { QueryCache } from './query-cache';
import { SearchService } from './search.service';

const ROUTE = '/api/search';
/** Query strings remembered; beyond, the oldest is forgotten (it only costs one validation again). */
const MAX_KNOWN = 5_000;
/** Longer query strings are never remembered, so the memory stays bounded by MAX_KNOWN * this. */
const MAX_REMEMBERED_LENGTH = 512;

/**
 * `GET /api/search?...` answered from the query cache before Nest's routing. Which cached answer a
 * query string asks for is worked out once per distinct query string, by the very validation pipe
 * and normalisation the controller uses, and remembered; a string the controller would refuse (or
 * not cache, such as a deep page) is remembered as not this read's, and always goes to the controller.
 */
export function searchCachedRead(searches: SearchService, cache: QueryCache): CachedRead {
  const pipe = createValidationPipe();
  const known = new Map<string, string | null>();

  async function questionOf(query: unknown): Promise<string | null> {
    try {
      const dto = (await pipe.transform(query, {
        type: 'query',
        metatype: SearchQueryDto,
      })) as SearchQueryDto;
      return searches.question(dto) ?? null;
    } catch {
      return null;
    }
  }

  async function lookup(search: string, query: () => unknown): Promise<string | undefined> {
    let question = known.get(search);
    if (question === undefined) {
      question = await questionOf(query());
      if (search.length <= MAX_REMEMBERED_LENGTH) {
        if (known.size >= MAX_KNOWN) known.delete(known.keys().next().value!);
        known.set(search, question);
      }
    }
    return question === null ? undefined : cache.peek('search', question);
  }

  return {
    route: ROUTE,
    lookup: ({ path, search, query }) => (path === ROUTE ? lookup(search, query) : undefined),
  };
}

/** search-service's reads answered before routing (createServiceApp's `cachedReads`). */
export const searchServiceCachedReads = (app: INestApplication): CachedRead[] => [
  searchCachedRead(app.get(SearchService), app.get(QueryCache)),
];
