/**
 * Every Redis key of the service, namespaced by the index alias so two deployments (or a test run
 * and a developer's service) sharing a Redis never read each other's cache, locks or jobs.
 */
export function redisKeys(alias: string) {
  const base = `search-service:${alias}`;
  return {
    catalogVersion: `${base}:catalog-version`,
    catalogSettledAt: `${base}:catalog-settled-at`,
    cachedAnswer: (version: string, hash: string) => `${base}:answer:${version}:${hash}`,
    reindexLock: `${base}:reindex:lock`,
    bootstrapLock: `${base}:bootstrap:lock`,
    rebuildTarget: `${base}:reindex:target`,
    categoryNames: `${base}:categories`,
    categoriesSeeded: `${base}:categories:seeded`,
    job: (jobId: string) => `${base}:reindex:job:${jobId}`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
