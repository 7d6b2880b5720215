/** The parts of Prometheus' HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/) the live checks use. */

export const prometheusUrl = (process.env.PROMETHEUS_URL ?? 'http://127.0.0.1:9090').replace(/\/$/, '');

interface ApiAnswer<T> {
  status: 'success' | 'error';
  data: T;
  errorType?: string;
  error?: string;
}

export interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface LoadedRule {
  name: string;
  query: string;
  health: 'ok' | 'err' | 'unknown';
  lastError?: string;
  type: 'alerting' | 'recording';
}

async function get<T>(path: string, params: Record<string, string> = {}): Promise<ApiAnswer<T>> {
  const url = `${prometheusUrl}${path}?${new URLSearchParams(params)}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  const body = (await response.json()) as ApiAnswer<T>;
  // 400/422 carry the PromQL error in the body: the caller reports it with the query.
  if (!response.ok && body.status !== 'error') throw new Error(`GET ${url} answered ${response.status}`);
  return body;
}

/** An instant query: the vector it returns, or the error Prometheus reports for it. */
export async function instantQuery(query: string): Promise<{ series: Sample[]; error?: string }> {
  const answer = await get<{ resultType: string; result: Sample[] | [number, string] }>('/api/v1/query', {
    query,
  });
  if (answer.status === 'error') return { series: [], error: `${answer.errorType}: ${answer.error}` };
  const { resultType, result } = answer.data;
  // A scalar (e.g. a bare number) is one value, not a set of series.
  return {
    series:
      resultType === 'vector' ? (result as Sample[]) : [{ metric: {}, value: result as [number, string] }],
  };
}

export async function loadedRules(): Promise<LoadedRule[]> {
  const answer = await get<{ groups: { rules: LoadedRule[] }[] }>('/api/v1/rules');
  return answer.data.groups.flatMap((group) => group.rules);
}

/** Whether any scraped target exposes the metric family (its HELP/TYPE), even without samples yet. */
export async function isExported(family: string): Promise<boolean> {
  const answer = await get<unknown[]>('/api/v1/targets/metadata', { metric: family });
  return answer.status === 'success' && answer.data.length > 0;
}

/** service label -> whether its last scrape succeeded. */
export async function scrapedServices(): Promise<Map<string, boolean>> {
  const { series } = await instantQuery('up{job="services"}');
  return new Map(series.map((sample) => [sample.metric.service, sample.value[1] === '1']));
}

export async function isReady(): Promise<boolean> {
  try {
    return (await fetch(`${prometheusUrl}/-/ready`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

/** The configured scrape interval, so a test waits for enough fresh samples and no longer. */
export async function scrapeIntervalSeconds(): Promise<number> {
  const answer = await get<{ yaml: string }>('/api/v1/status/config');
  const match = /scrape_interval:\s*(\d+)(ms|s|m)/.exec(answer.data.yaml);
  if (!match) return 15;
  const value = Number(match[1]);
  return match[2] === 'ms' ? value / 1000 : match[2] === 'm' ? value * 60 : value;
}
