/** The seeder's settings, from environment variables (see scripts/seed/README.md). */
export interface SeedConfig {
  productUrl: string;
  userUrl: string;
  inventoryUrl: string;
  adminEmail: string;
  adminPassword: string;
  count: number;
  seed: number;
  concurrency: number;
  warehouse: { code: string; name: string; country: string };
  stockWaitMs: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv): SeedConfig {
  const url = (name: string, fallback: string) => (env[name] || fallback).replace(/\/+$/, '');
  return {
    productUrl: url('PRODUCT_URL', 'http://127.0.0.1:3002'),
    userUrl: url('USER_URL', 'http://127.0.0.1:3001'),
    inventoryUrl: url('INVENTORY_URL', 'http://127.0.0.1:3006'),
    adminEmail: env.ADMIN_EMAIL || 'admin@shop.local',
    adminPassword: env.ADMIN_PASSWORD || 'admin-password-change-me',
    count: positiveInt(env, 'SEED_PRODUCTS', 300),
    seed: positiveInt(env, 'SEED_RANDOM_SEED', 20_240_601),
    concurrency: positiveInt(env, 'SEED_CONCURRENCY', 8),
    warehouse: {
      code: env.SEED_WAREHOUSE_CODE || 'EU-MAIN',
      name: env.SEED_WAREHOUSE_NAME || 'Main EU warehouse',
      country: env.SEED_WAREHOUSE_COUNTRY || 'DE',
    },
    stockWaitMs: positiveInt(env, 'SEED_STOCK_WAIT_MS', 60_000),
  };
}
