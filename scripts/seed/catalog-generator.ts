import {
  BOOK_CLOSINGS,
  BRANDS,
  CATEGORIES,
  CLOSINGS,
  MODEL_SUFFIXES,
  PRODUCT_KINDS,
  TITLE_WORDS,
  type CategorySeed,
  type ProductKind,
} from './catalog-vocabulary';
import { SeededRandom } from './random';

export interface Money {
  amount: number;
  currency: string;
}

/** A product to create through the API (`categorySlug` becomes a category id), plus its stock. */
export interface ProductSeed {
  sku: string;
  name: string;
  description: string;
  categorySlug: string;
  price: Money;
  prices: Money[];
  images: string[];
  attributes: Record<string, string | number | boolean | string[]>;
  onHand: number;
}

export interface DemoCatalog {
  categories: readonly CategorySeed[];
  products: ProductSeed[];
}

/** Demo exchange rates from EUR, set only when the shop has none. */
export const DEMO_FX_RATES: Readonly<Record<string, string>> = {
  USD: '1.0835',
  GBP: '0.8571',
  CHF: '0.9412',
  SEK: '11.4620',
  DKK: '7.4603',
  PLN: '4.3210',
  JPY: '161.20',
};

const TOTAL_WEIGHT = PRODUCT_KINDS.reduce((sum, kind) => sum + kind.weight, 0);

function pickKind(random: SeededRandom): ProductKind {
  let ticket = random.next() * TOTAL_WEIGHT;
  for (const kind of PRODUCT_KINDS) {
    ticket -= kind.weight;
    if (ticket < 0) return kind;
  }
  return PRODUCT_KINDS[PRODUCT_KINDS.length - 1];
}

/** A shop-like price: mostly x.99, some x.95 or x.49, expensive things often round. */
function shopPrice(random: SeededRandom, [min, max]: [number, number]): number {
  const euros = random.int(min, max);
  const cents = euros >= 500 ? random.pick([0, 0, 99]) : random.pick([99, 99, 99, 95, 49]);
  return cents === 0 ? euros * 100 : euros * 100 - (100 - cents);
}

/** An explicit local price near the converted one, rounded the way a merchant would. */
function localPrice(euroCents: number, rate: number): number {
  const whole = Math.max(1, Math.round((euroCents * rate) / 100));
  return whole * 100 - 1;
}

/** The product's name and its maker: a brand, or for books a publisher. */
function nameFor(kind: ProductKind, random: SeededRandom): { name: string; maker: string } {
  if (kind.naming === 'title') {
    const { adjectives, nouns, cuisines, topics, publishers } = TITLE_WORDS;
    const maker = random.pick(publishers);
    if (kind.category === 'cookbooks')
      return { name: `${random.pick(cuisines)} Kitchen: ${random.int(6, 15) * 10} Recipes`, maker };
    if (kind.category === 'non-fiction')
      return {
        name: `${random.pick(['A Short History of', 'The Science of', 'In Search of'])} ${random.pick(topics)}`,
        maker,
      };
    return { name: `The ${random.pick(adjectives)} ${random.pick(nouns)}`, maker };
  }
  const maker = random.pick(BRANDS);
  return { name: `${maker}${random.pick(MODEL_SUFFIXES)} ${random.pick(kind.nouns)}`, maker };
}

function productAt(index: number, seed: number, takenNames: Set<string>): ProductSeed {
  // One generator per product, seeded by (seed, index): product N is the same whatever the count,
  // so a larger run extends an earlier one instead of replacing it.
  const random = new SeededRandom(Math.imul(seed ^ 0x9e3779b9, 2_654_435_761) + index * 7_919);
  const kind = pickKind(random);
  let { name, maker } = nameFor(kind, random);
  for (let attempt = 0; takenNames.has(name) && attempt < 20; attempt++)
    ({ name, maker } = nameFor(kind, random));
  if (takenNames.has(name)) name = `${name} (Edition ${index + 1})`;
  takenNames.add(name);

  const sku = `${kind.skuPrefix}-${maker.slice(0, 3).toUpperCase()}-${String(index + 1).padStart(4, '0')}`;
  const amount = shopPrice(random, kind.priceRange);
  const prices: Money[] = [];
  if (random.chance(0.35)) prices.push({ amount: localPrice(amount, 1.09), currency: 'USD' });
  if (random.chance(0.15)) prices.push({ amount: localPrice(amount, 0.86), currency: 'GBP' });
  const imageCount = random.int(1, 3);
  const onHand = random.chance(0.05) ? 0 : random.chance(0.1) ? random.int(1, 5) : random.int(10, 250);
  return {
    sku,
    name,
    description: [
      ...random.sample(kind.features, Math.min(3, kind.features.length)),
      random.pick(kind.naming === 'title' ? BOOK_CLOSINGS : CLOSINGS),
    ].join(' '),
    categorySlug: kind.category,
    price: { amount, currency: 'EUR' },
    prices,
    images: Array.from(
      { length: imageCount },
      (_, i) => `https://example.com/images/products/${sku.toLowerCase()}/${i + 1}.jpg`,
    ),
    attributes: { [kind.naming === 'title' ? 'publisher' : 'brand']: maker, ...kind.attributes(random) },
    onHand,
  };
}

/** The demo catalog: the same categories and, for a given seed, the same products on every run. */
export function generateCatalog(options: { seed: number; count: number }): DemoCatalog {
  const takenNames = new Set<string>();
  const products = Array.from({ length: options.count }, (_, index) =>
    productAt(index, options.seed, takenNames),
  );
  return { categories: CATEGORIES, products };
}
