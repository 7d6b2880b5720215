/**
 * Seeds the demo catalog through the public APIs, so every product flows as product.created to
 * search-service and inventory-service like one an admin adds by hand:
 *
 *   node scripts/run.mjs scripts/seed/seed-catalog.ts
 *
 * Generates (no download) a category tree and ~300 products from a fixed seed, creates what is
 * missing (a SKU that exists is skipped), and gives each new product stock in one warehouse.
 * Re-running changes nothing that is already there. See scripts/seed/README.md for the variables.
 */
import { randomUUID } from 'node:crypto';
import { AdminSession } from './admin-session';
import { generateCatalog } from './catalog-generator';
import { CatalogSeeder, type Summary } from './catalog-seeder';
import { readConfig, type SeedConfig } from './seed-config';
import { forEachConcurrently } from './seed-http';

function printSummary(
  config: SeedConfig,
  summary: Summary,
  seconds: number,
  warehouseId: string | null,
): void {
  const { categories, products, stock, failures } = summary;
  const lines = [
    `demo catalog: ${products.created + products.existing} of ${config.count} products in place after ${seconds.toFixed(1)} s`,
    `  FX rates    ${summary.fx}`,
    `  categories  ${categories.created} created, ${categories.existing} already there`,
    `  products    ${products.created} created, ${products.existing} already there, ${products.failed} failed`,
    warehouseId
      ? `  stock       ${stock.set} set, ${stock.kept} kept, ${stock.failed} failed (warehouse ${config.warehouse.code})`
      : `  stock       not set: inventory-service (${config.inventoryUrl}) could not be used`,
  ];
  if (failures.length)
    lines.push(
      `  failures (${failures.length}):`,
      ...failures.slice(0, 20).map((failure) => `    - ${failure}`),
    );
  if (failures.length > 20) lines.push(`    ... and ${failures.length - 20} more`);
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const started = Date.now();
  const session = new AdminSession(config, `seed-catalog-${randomUUID()}`);
  await session.login();
  const seeder = new CatalogSeeder(config, session);
  const catalog = generateCatalog({ seed: config.seed, count: config.count });

  await seeder.ensureFxRates();
  const categoryIds = await seeder.ensureCategories(catalog.categories);
  const existing = await seeder.existingProducts();
  const warehouseId = await seeder.ensureWarehouse();
  await forEachConcurrently(catalog.products, config.concurrency, (product) =>
    seeder.seedProduct(product, categoryIds, existing, warehouseId),
  );

  printSummary(config, seeder.summary, (Date.now() - started) / 1_000, warehouseId);
  if (seeder.summary.failures.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`seed-catalog failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
