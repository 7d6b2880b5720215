import { DomainError } from '@ecommerce/http';

export const ReindexErrors = {
  alreadyRunning: (jobId: string | null) =>
    new DomainError(
      'REINDEX_RUNNING',
      'conflict',
      'A rebuild of the index is already running; wait for it to finish.',
      {
        extensions: jobId ? { runningJobId: jobId } : {},
      },
    ),
  jobNotFound: () =>
    new DomainError('REINDEX_JOB_NOT_FOUND', 'not_found', 'No such reindex job (jobs are kept for a week).'),
};
