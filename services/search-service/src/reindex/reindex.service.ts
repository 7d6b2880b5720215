import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { createLogger, RequestContext } from '@ecommerce/observability';
import { REDIS } from '@ecommerce/redis';
import type Redis from 'ioredis';
import { CatalogVersion } from '../catalog-index/catalog-version';
import { DocumentStore } from '../catalog-index/document-store';
import { IndexAdmin } from '../catalog-index/index-admin';
import { RebuildTarget } from '../catalog-index/rebuild-target';
import { redisKeys } from '../catalog-index/redis-keys';
import { RedisLock } from '../catalog-index/redis-lock';
import { SEARCH_SERVICE_CONFIG, SERVICE_NAME, type SearchServiceConfig } from '../config';
import { ProductSource } from '../upstream/product-source';
import { StockSource } from '../upstream/stock-source';
import { JobStore } from './job-store';
import { Rebuild, type RebuildTiming } from './rebuild';
import { newJob, type ReindexJob } from './reindex-job';
import { ReindexErrors } from './reindex.errors';
import { reindexJobs } from './reindex.metrics';
import { StockLookup } from './stock-lookup';

const LEASE_MS = 60_000;
const GRACE_MS = 2_000;

/**
 * Starts and reports index rebuilds. One at a time across all replicas: the Redis lock is taken
 * before the job exists and renewed while it runs, so a crashed replica's lock lapses on its own.
 */
@Injectable()
export class ReindexService implements BeforeApplicationShutdown {
  private readonly logger = createLogger(SERVICE_NAME);
  private readonly lock: RedisLock;
  private readonly jobs: JobStore;
  private running?: { stop: AbortController; done: Promise<void> };

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly admin: IndexAdmin,
    private readonly store: DocumentStore,
    private readonly target: RebuildTarget,
    private readonly version: CatalogVersion,
    private readonly products: ProductSource,
    private readonly stock: StockSource,
    @Inject(SEARCH_SERVICE_CONFIG) private readonly config: SearchServiceConfig,
  ) {
    const keys = redisKeys(config.SEARCH_INDEX_ALIAS);
    this.lock = new RedisLock(redis, keys.reindexLock, LEASE_MS);
    this.jobs = new JobStore(redis, keys, config.REINDEX_JOB_TTL_SECONDS);
  }

  async start(timing: RebuildTiming = { leaseMs: LEASE_MS, graceMs: GRACE_MS }): Promise<ReindexJob> {
    const jobId = randomUUID();
    if (!(await this.lock.acquire(jobId))) throw ReindexErrors.alreadyRunning(await this.lock.holder());
    const job = newJob(jobId);
    try {
      await this.jobs.save(job);
    } catch (error) {
      await this.lock.release(jobId);
      throw error;
    }
    const stop = new AbortController();
    // The job outlives the request but keeps its correlation id, so its logs and upstream calls tie back to it.
    const context = { correlationId: RequestContext.correlationId(), causationId: null };
    const done = RequestContext.run(context, () => this.execute(structuredClone(job), timing, stop));
    this.running = { stop, done };
    void done.finally(() => {
      if (this.running?.done === done) this.running = undefined;
    });
    return job;
  }

  async status(jobId: string): Promise<ReindexJob> {
    const job = await this.jobs.get(jobId);
    if (!job) throw ReindexErrors.jobNotFound();
    return job;
  }

  /** A rebuild in progress is stopped at its next checkpoint and its half-built index dropped. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running?.stop.abort(new Error('interrupted by shutdown'));
    await this.running?.done;
  }

  private async execute(job: ReindexJob, timing: RebuildTiming, stop: AbortController): Promise<void> {
    const heartbeat = setInterval(() => {
      this.lock
        .extend(job.jobId)
        .then((held) => {
          if (!held) stop.abort(new Error('lost the reindex lock'));
        })
        .catch((error: unknown) =>
          this.logger.warn({ err: error, jobId: job.jobId }, 'could not renew the reindex lock'),
        );
    }, LEASE_MS / 4);
    try {
      const deps = {
        admin: this.admin,
        store: this.store,
        products: this.products,
        stockLookup: new StockLookup(this.stock),
        target: this.target,
        version: this.version,
        jobs: this.jobs,
        logger: this.logger,
        baseCurrency: this.config.BASE_CURRENCY,
      };
      const finished = await new Rebuild(deps, job, timing, stop.signal).run();
      reindexJobs.inc({ outcome: finished.status });
      this.logger.info({ job: finished }, `index rebuild ${finished.status}`);
    } catch (error) {
      // Only saving the final state can fail here; the job then stays "running" until its record expires.
      this.logger.error({ err: error, jobId: job.jobId }, 'index rebuild could not record its end');
    } finally {
      clearInterval(heartbeat);
      await this.lock.release(job.jobId).catch(() => undefined);
    }
  }
}
