import { Client } from 'pg';

/**
 * Where PostgreSQL's work goes during a benchmark step: commits per database and the statements
 * that took the most execution time, from pg_stat_database and pg_stat_statements. The native
 * infrastructure loads pg_stat_statements and creates the `monitoring` role (pg_monitor) for this.
 */
export interface PostgresSnapshot {
  commits: Record<string, number>;
  statements: Map<string, StatementTotals>;
}

interface StatementTotals {
  database: string;
  query: string;
  calls: number;
  totalMs: number;
  rows: number;
}

export interface StatementShare {
  database: string;
  query: string;
  callsPerUnit: number;
  msPerUnit: number;
  rowsPerCall: number;
}

export interface PostgresDelta {
  commitsPerUnit: Record<string, number>;
  /** Statements sent (BEGIN and COMMIT included), by database: each one a round trip, parsed and planned. */
  statementsPerUnit: Record<string, number>;
  topStatements: StatementShare[];
}

/** Each value divided by `units`, the largest first, with the total under `all`; zeros left out. */
function perUnit(totals: Record<string, number>, units: number): Record<string, number> {
  const round = (value: number) => Math.round((value / units) * 100) / 100;
  const entries = Object.entries(totals)
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1]);
  const all = entries.reduce((sum, [, value]) => sum + value, 0);
  return Object.fromEntries([['all', round(all)], ...entries.map(([key, value]) => [key, round(value)])]);
}

const MONITORING_URL =
  process.env.BENCH_MONITORING_DATABASE_URL ?? 'postgres://monitoring:monitoring@127.0.0.1:5432/postgres';

export class PostgresStats {
  private constructor(private readonly client: Client | undefined) {}

  /** Without the monitoring role or the extension the benchmark still runs; it says so once. */
  static async connect(): Promise<PostgresStats> {
    const client = new Client({ connectionString: MONITORING_URL });
    try {
      await client.connect();
      await client.query('SELECT 1 FROM pg_stat_statements LIMIT 1');
      return new PostgresStats(client);
    } catch (error) {
      await client.end().catch(() => undefined);
      console.warn(
        `PostgreSQL statement figures left out (${(error as Error).message}); start the infrastructure with scripts/infra/infra.sh up`,
      );
      return new PostgresStats(undefined);
    }
  }

  async snapshot(): Promise<PostgresSnapshot | undefined> {
    if (!this.client) return undefined;
    const commits = await this.client.query<{ datname: string; commits: string }>(
      `SELECT datname, xact_commit AS commits FROM pg_stat_database WHERE datname IS NOT NULL`,
    );
    const statements = await this.client.query<{
      id: string;
      database: string;
      query: string;
      calls: string;
      total_ms: number;
      rows: string;
    }>(
      `SELECT s.queryid::text || '/' || s.dbid AS id, d.datname AS database, s.query, s.calls,
              s.total_exec_time AS total_ms, s.rows
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid`,
    );
    return {
      commits: Object.fromEntries(commits.rows.map((row) => [row.datname, Number(row.commits)])),
      statements: new Map(
        statements.rows.map((row) => [
          row.id,
          {
            database: row.database,
            query: row.query,
            calls: Number(row.calls),
            totalMs: row.total_ms,
            rows: Number(row.rows),
          },
        ]),
      ),
    };
  }

  /** Commits and the top statements by execution time, divided by `units` (sagas, reservations). */
  static delta(
    before: PostgresSnapshot | undefined,
    after: PostgresSnapshot | undefined,
    units: number,
    top = 12,
  ): PostgresDelta | undefined {
    if (!before || !after) return undefined;
    const per = Math.max(1, units);
    const statements = [...after.statements.entries()]
      .map(([id, totals]) => {
        const earlier = before.statements.get(id);
        return {
          database: totals.database,
          query: totals.query.replace(/\s+/g, ' ').slice(0, 160),
          calls: totals.calls - (earlier?.calls ?? 0),
          totalMs: totals.totalMs - (earlier?.totalMs ?? 0),
          rows: totals.rows - (earlier?.rows ?? 0),
        };
      })
      .filter((statement) => statement.calls > 0);
    const statementsByDatabase: Record<string, number> = {};
    for (const statement of statements)
      statementsByDatabase[statement.database] =
        (statementsByDatabase[statement.database] ?? 0) + statement.calls;
    const commitsByDatabase = Object.fromEntries(
      Object.entries(after.commits).map(([database, commits]) => [
        database,
        commits - (before.commits[database] ?? 0),
      ]),
    );
    const topStatements = statements
      .sort((a, b) => b.totalMs - a.totalMs)
      .slice(0, top)
      .map((statement) => ({
        database: statement.database,
        query: statement.query,
        callsPerUnit: Math.round((statement.calls / per) * 100) / 100,
        msPerUnit: Math.round((statement.totalMs / per) * 1000) / 1000,
        rowsPerCall: Math.round((statement.rows / statement.calls) * 10) / 10,
      }));
    return {
      commitsPerUnit: perUnit(commitsByDatabase, per),
      statementsPerUnit: perUnit(statementsByDatabase, per),
      topStatements,
    };
  }

  async close(): Promise<void> {
    await this.client?.end();
  }
}
