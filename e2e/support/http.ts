/** A small JSON client for the platform's public API, as a shop's front end would call it. */

export const serviceUrls = {
  user: process.env.E2E_USER_URL ?? 'http://127.0.0.1:3001',
  product: process.env.E2E_PRODUCT_URL ?? 'http://127.0.0.1:3002',
  cart: process.env.E2E_CART_URL ?? 'http://127.0.0.1:3003',
  order: process.env.E2E_ORDER_URL ?? 'http://127.0.0.1:3004',
  payment: process.env.E2E_PAYMENT_URL ?? 'http://127.0.0.1:3005',
  inventory: process.env.E2E_INVENTORY_URL ?? 'http://127.0.0.1:3006',
  notification: process.env.E2E_NOTIFICATION_URL ?? 'http://127.0.0.1:3007',
  search: process.env.E2E_SEARCH_URL ?? 'http://127.0.0.1:3008',
} as const;

export type ServiceName = keyof typeof serviceUrls;

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Send again an answer shed with Retry-After (default true; a benchmark counts them instead). */
  retryShed?: boolean;
}

const SHED_RETRIES = 10;

/**
 * One request, as a well-behaved client sends it: an answer shed under load (503 or 429 with
 * Retry-After) is sent again after the time it asks for, up to a few times.
 */
export async function call<T = any>(
  service: ServiceName,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer<T>> {
  for (let attempt = 1; ; attempt++) {
    const answer = await callOnce<T>(service, method, path, options);
    const retryAfter = Number(answer.headers.get('retry-after'));
    const shed =
      (answer.status === 503 || answer.status === 429) && Number.isFinite(retryAfter) && retryAfter > 0;
    if (!shed || options.retryShed === false || attempt === SHED_RETRIES) return answer;
    await sleep(Math.min(retryAfter, 5) * 1_000);
  }
}

async function callOnce<T>(
  service: ServiceName,
  method: string,
  path: string,
  options: CallOptions,
): Promise<Answer<T>> {
  const response = await fetch(`${serviceUrls[service]}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // a non-JSON answer stays text, for the assertion message
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

/** `call` that fails the test with the whole answer when the status is not one of `expected`. */
export async function expectCall<T = any>(
  service: ServiceName,
  method: string,
  path: string,
  expected: number | number[],
  options: CallOptions = {},
): Promise<Answer<T>> {
  const answer = await call<T>(service, method, path, options);
  const accepted = Array.isArray(expected) ? expected : [expected];
  if (!accepted.includes(answer.status)) {
    throw new Error(
      `${method} ${service}${path} answered ${answer.status}, expected ${accepted.join('|')}: ${JSON.stringify(answer.body)}`,
    );
  }
  return answer;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
