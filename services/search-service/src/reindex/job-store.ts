import type Redis from 'ioredis';
import type { RedisKeys } from '../catalog-index/redis-keys';
import type { ReindexJob } from './reindex-job';

/** Rebuild jobs in Redis, so any replica can answer for a job another one runs. */
export class JobStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly ttlSeconds: number,
  ) {}

  async save(job: ReindexJob): Promise<void> {
    await this.redis.set(this.keys.job(job.jobId), JSON.stringify(job), 'EX', this.ttlSeconds);
  }

  async get(jobId: string): Promise<ReindexJob | undefined> {
    const value = await this.redis.get(this.keys.job(jobId));
    return value ? (JSON.parse(value) as ReindexJob) : undefined;
  }
}
