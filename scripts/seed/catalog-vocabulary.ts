import type { SeededRandom } from './random';

/** The words the demo catalog is made of. Changing them changes generated products (and SKUs). */

export interface CategorySeed {
  slug: string;
  name: string;
  parentSlug: string | null;
}

type AttributeValue = string | number | boolean | string[];

export interface ProductKind {
  /** Slug of the leaf category the products go in. */
  category: string;
  skuPrefix: string;
  /** Relative share of the catalog. */
  weight: number;
  /** Whole euros. */
  priceRange: [number, number];
  nouns: readonly string[];
  /** Sentences a description is built from. */
  features: readonly string[];
  attributes: (random: SeededRandom) => Record<string, AttributeValue>;
  /** Books have titles and authors rather than brands. */
  naming?: 'brand' | 'title';
}

export const CATEGORIES: readonly CategorySeed[] = [
  { slug: 'electronics', name: 'Electronics', parentSlug: null },
  { slug: 'headphones', name: 'Headphones', parentSlug: 'electronics' },
  { slug: 'laptops', name: 'Laptops', parentSlug: 'electronics' },
  { slug: 'smartphones', name: 'Smartphones', parentSlug: 'electronics' },
  { slug: 'cameras', name: 'Cameras', parentSlug: 'electronics' },
  { slug: 'home-kitchen', name: 'Home & Kitchen', parentSlug: null },
  { slug: 'kitchen', name: 'Kitchen', parentSlug: 'home-kitchen' },
  { slug: 'furniture', name: 'Furniture', parentSlug: 'home-kitchen' },
  { slug: 'lighting', name: 'Lighting', parentSlug: 'home-kitchen' },
  { slug: 'sports-outdoors', name: 'Sports & Outdoors', parentSlug: null },
  { slug: 'running', name: 'Running', parentSlug: 'sports-outdoors' },
  { slug: 'cycling', name: 'Cycling', parentSlug: 'sports-outdoors' },
  { slug: 'camping', name: 'Camping', parentSlug: 'sports-outdoors' },
  { slug: 'books', name: 'Books', parentSlug: null },
  { slug: 'fiction', name: 'Fiction', parentSlug: 'books' },
  { slug: 'cookbooks', name: 'Cookbooks', parentSlug: 'books' },
  { slug: 'non-fiction', name: 'Non-Fiction', parentSlug: 'books' },
  { slug: 'toys-games', name: 'Toys & Games', parentSlug: null },
  { slug: 'board-games', name: 'Board Games', parentSlug: 'toys-games' },
];

export const BRANDS = [
  'Aurora',
  'Nimbus',
  'Vertex',
  'Solace',
  'Kestrel',
  'Halcyon',
  'Lumen',
  'Arcadia',
  'Boreal',
  'Cobalt',
  'Meridian',
  'Zephyr',
  'Northwind',
  'Tidewater',
  'Ember',
  'Quill',
  'Sable',
  'Orion',
  'Juniper',
  'Alder',
] as const;

export const MODEL_SUFFIXES = [
  '',
  '',
  '',
  ' Pro',
  ' Air',
  ' Max',
  ' Lite',
  ' 2',
  ' S',
  ' Plus',
  ' Mini',
  ' One',
] as const;

export const CLOSINGS = [
  'Backed by a two-year warranty.',
  'Ships in plastic-free, recyclable packaging.',
  'Free returns within 30 days.',
  'Designed in Europe, tested for everyday use.',
  'Spare parts available for at least five years.',
] as const;

export const BOOK_CLOSINGS = [
  'Printed on FSC-certified paper.',
  'Also available as an e-book.',
  'Free returns within 30 days.',
] as const;

const COLORS = ['black', 'white', 'graphite', 'silver', 'navy', 'forest green', 'sand', 'red'];
const MATERIALS = ['oak', 'walnut', 'steel', 'aluminium', 'cast iron', 'stainless steel', 'bamboo', 'linen'];

export const TITLE_WORDS = {
  adjectives: [
    'Silent',
    'Last',
    'Hidden',
    'Northern',
    'Glass',
    'Midnight',
    'Distant',
    'Paper',
    'Burning',
    'Quiet',
    'Salt',
    'Winter',
  ],
  nouns: [
    'Harbour',
    'Orchard',
    'Lighthouse',
    'Archive',
    'Garden',
    'Frontier',
    'Cartographer',
    'River',
    'Tide',
    'Observatory',
    'Station',
    'Forest',
  ],
  authors: [
    'Mara Lindqvist',
    'Tomás Ferreira',
    'Aiko Tanaka',
    'Elena Novak',
    'Jonah Whitfield',
    'Priya Raman',
    'Lucas Moreau',
    'Ingrid Berg',
    'Samuel Okafor',
    'Clara Weiss',
  ],
  cuisines: [
    'Mediterranean',
    'Nordic',
    'Japanese Home',
    'Vegetarian',
    'Sourdough',
    'Mexican Street',
    'Weeknight Italian',
    'Plant-Based',
  ],
  topics: [
    'Time',
    'Rivers',
    'the Ocean',
    'Sleep',
    'Maps',
    'Bees',
    'Mountains',
    'Numbers',
    'Light',
    'Forests',
  ],
  publishers: ['Harbour Press', 'Northlight Books', 'Quill House', 'Larkspur Editions', 'Fjord & Field'],
} as const;

const SIZES = ['XS', 'S', 'M', 'L', 'XL'];

export const PRODUCT_KINDS: readonly ProductKind[] = [
  {
    category: 'headphones',
    skuPrefix: 'HP',
    weight: 3,
    priceRange: [25, 399],
    nouns: [
      'Wireless Noise-Cancelling Headphones',
      'True Wireless Earbuds',
      'Studio Monitor Headphones',
      'Sport Earphones',
      'Over-Ear Bluetooth Headphones',
      'Open-Back Reference Headphones',
    ],
    features: [
      'Adaptive noise cancelling keeps the commute quiet.',
      'Memory-foam ear cushions stay comfortable for hours.',
      'Multipoint Bluetooth switches between laptop and phone on its own.',
      'A ten-minute charge gives three hours of playback.',
      'Tuned for a balanced, detailed sound with a tight low end.',
      'Folds flat into the included hard case.',
    ],
    attributes: (r) => ({
      color: r.pick(COLORS),
      wireless: r.chance(0.8),
      batteryHours: r.int(6, 60),
      noiseCancelling: r.chance(0.6),
    }),
  },
  {
    category: 'laptops',
    skuPrefix: 'LT',
    weight: 2,
    priceRange: [349, 2899],
    nouns: [
      '13-inch Ultrabook',
      '14-inch Laptop',
      '16-inch Gaming Laptop',
      '2-in-1 Convertible Laptop',
      '15-inch Workstation Laptop',
      '14-inch Chromebook',
    ],
    features: [
      'An all-day battery lasts through a full working day.',
      'The backlit keyboard has a comfortable 1.5 mm key travel.',
      'Two Thunderbolt ports drive a pair of 4K displays.',
      'A matte display keeps reflections away outdoors.',
      'The aluminium unibody weighs barely more than a notebook.',
      'Quiet cooling stays near silent under everyday load.',
    ],
    attributes: (r) => ({
      ramGb: r.pick([8, 16, 32, 64]),
      storageGb: r.pick([256, 512, 1024, 2048]),
      screenInches: r.pick([13.3, 14, 15.6, 16]),
      os: r.pick(['Linux', 'Windows', 'ChromeOS']),
    }),
  },
  {
    category: 'smartphones',
    skuPrefix: 'SP',
    weight: 2,
    priceRange: [149, 1599],
    nouns: ['Smartphone', '5G Smartphone', 'Rugged Smartphone', 'Compact Smartphone', 'Foldable Smartphone'],
    features: [
      'A 120 Hz OLED display makes scrolling smooth.',
      'The triple camera handles low light well.',
      'Five years of security updates are promised.',
      'IP68 rated against dust and water.',
      'Charges to 50% in twenty minutes.',
    ],
    attributes: (r) => ({
      storageGb: r.pick([64, 128, 256, 512]),
      color: r.pick(COLORS),
      screenInches: r.pick([5.8, 6.1, 6.4, 6.7]),
      dualSim: r.chance(0.7),
    }),
  },
  {
    category: 'cameras',
    skuPrefix: 'CM',
    weight: 1,
    priceRange: [89, 2499],
    nouns: [
      'Mirrorless Camera',
      'Action Camera',
      'Instant Camera',
      'Travel Zoom Camera',
      'Full-Frame Mirrorless Camera',
    ],
    features: [
      'In-body stabilisation keeps handheld shots sharp.',
      'Records 4K video at up to 60 frames per second.',
      'Eye-tracking autofocus follows people and animals.',
      'A weather-sealed body shrugs off rain.',
      'Transfers photos to the phone over Wi-Fi.',
    ],
    attributes: (r) => ({
      megapixels: r.pick([12, 20, 24, 33, 45]),
      sensor: r.pick(['1-inch', 'APS-C', 'Full frame', 'Micro Four Thirds']),
      weatherSealed: r.chance(0.4),
    }),
  },
  {
    category: 'kitchen',
    skuPrefix: 'KT',
    weight: 3,
    priceRange: [15, 699],
    nouns: [
      'Cast Iron Skillet 28 cm',
      "Chef's Knife 20 cm",
      'Espresso Machine',
      'Stand Mixer',
      'Non-Stick Frying Pan 24 cm',
      'Electric Kettle 1.7 L',
      'Dutch Oven 5 L',
    ],
    features: [
      'Works on gas, electric and induction hobs.',
      'Heats evenly from the centre to the rim.',
      'Dishwasher safe for easy cleaning.',
      'A lifetime companion for the home cook.',
      'Balanced weight makes long prep sessions easier.',
    ],
    attributes: (r) => ({
      material: r.pick(MATERIALS),
      dishwasherSafe: r.chance(0.5),
      color: r.pick(COLORS),
    }),
  },
  {
    category: 'furniture',
    skuPrefix: 'FN',
    weight: 2,
    priceRange: [59, 1499],
    nouns: [
      'Oak Dining Table',
      'Ergonomic Office Chair',
      'Three-Seater Linen Sofa',
      'Bookshelf with 5 Shelves',
      'Bedside Table',
      'Electric Standing Desk',
    ],
    features: [
      'Solid wood from sustainably managed forests.',
      'Assembles in under thirty minutes with one tool.',
      'Removable covers go in the washing machine.',
      'Tested for 100,000 cycles of everyday use.',
      'Clean lines fit modern and classic rooms alike.',
    ],
    attributes: (r) => ({
      material: r.pick(MATERIALS),
      widthCm: r.pick([45, 60, 80, 120, 160, 200]),
      assemblyRequired: r.chance(0.7),
    }),
  },
  {
    category: 'lighting',
    skuPrefix: 'LG',
    weight: 2,
    priceRange: [9, 349],
    nouns: [
      'Smart LED Bulb E27',
      'Arc Floor Lamp',
      'Desk Lamp with Wireless Charger',
      'Pendant Light',
      'LED Light Strip 5 m',
    ],
    features: [
      'Dims smoothly down to a warm night light.',
      'Works with the major smart home assistants.',
      'Flicker-free light is easy on the eyes.',
      'Uses 85% less energy than an incandescent bulb.',
    ],
    attributes: (r) => ({
      lumens: r.pick([400, 806, 1055, 1521, 2450]),
      colorTemperatureK: r.pick([2200, 2700, 3000, 4000]),
      dimmable: r.chance(0.8),
      smart: r.chance(0.4),
    }),
  },
  {
    category: 'running',
    skuPrefix: 'RN',
    weight: 2,
    priceRange: [19, 449],
    nouns: [
      'Road Running Shoes',
      'Trail Running Shoes',
      'Running Vest 5 L',
      'GPS Running Watch',
      'Lightweight Running Jacket',
    ],
    features: [
      'A responsive foam midsole returns energy with every stride.',
      'Breathable mesh keeps feet cool on long runs.',
      'Reflective details for early mornings and late evenings.',
      'Grippy outsole lugs bite into mud and loose gravel.',
    ],
    attributes: (r) => ({
      sizes: r.sample(SIZES, r.int(2, 5)).sort((a, b) => SIZES.indexOf(a) - SIZES.indexOf(b)),
      color: r.pick(COLORS),
      weightGrams: r.int(120, 480),
    }),
  },
  {
    category: 'cycling',
    skuPrefix: 'CY',
    weight: 2,
    priceRange: [12, 299],
    nouns: [
      'Road Bike Helmet',
      'Bike Light Set',
      'Clipless Pedals',
      'Cycling Jersey',
      'Mini Pump',
      'Gravel Bike Saddle',
    ],
    features: [
      'Light enough that you forget it is there.',
      'USB-C rechargeable, no batteries to buy.',
      'Tested to European safety standards.',
      'Mounts without tools in seconds.',
    ],
    attributes: (r) => ({ color: r.pick(COLORS), weightGrams: r.int(60, 420), rechargeable: r.chance(0.5) }),
  },
  {
    category: 'camping',
    skuPrefix: 'CP',
    weight: 2,
    priceRange: [14, 549],
    nouns: [
      '2-Person Backpacking Tent',
      'Down Sleeping Bag',
      'Camping Stove',
      'Trekking Poles (Pair)',
      'Insulated Water Bottle 750 ml',
      'Headlamp 400 lm',
    ],
    features: [
      'Packs down small enough for a day pack.',
      'Sets up in five minutes, even in the dark.',
      'Seam-sealed against heavy rain.',
      'Made with recycled materials.',
    ],
    attributes: (r) => ({
      weightGrams: r.int(90, 2400),
      season: r.pick(['3-season', '4-season']),
      waterproof: r.chance(0.6),
    }),
  },
  {
    category: 'fiction',
    skuPrefix: 'BF',
    weight: 3,
    priceRange: [8, 29],
    naming: 'title',
    nouns: ['A Novel'],
    features: [
      'A sweeping story of family, loss and second chances.',
      'Shortlisted for a major European literary prize.',
      'A gripping mystery set on a remote northern island.',
      'Told in alternating voices across three generations.',
    ],
    attributes: (r) => ({
      author: r.pick(TITLE_WORDS.authors),
      pages: r.int(180, 720),
      format: r.pick(['Paperback', 'Hardcover', 'Paperback']),
      language: r.pick(['English', 'English', 'German', 'French']),
    }),
  },
  {
    category: 'cookbooks',
    skuPrefix: 'BC',
    weight: 1,
    priceRange: [14, 45],
    naming: 'title',
    nouns: ['Cookbook'],
    features: [
      'Every recipe is photographed and tested twice.',
      'Seasonal menus for busy weeknights.',
      'Includes a chapter on pantry staples.',
    ],
    attributes: (r) => ({
      author: r.pick(TITLE_WORDS.authors),
      pages: r.int(160, 420),
      format: 'Hardcover',
      recipes: r.int(60, 150),
    }),
  },
  {
    category: 'non-fiction',
    skuPrefix: 'BN',
    weight: 1,
    priceRange: [10, 35],
    naming: 'title',
    nouns: ['Non-Fiction'],
    features: [
      'Science writing at its most approachable.',
      'Illustrated with maps and hand-drawn diagrams.',
      'A surprising history told through small objects.',
    ],
    attributes: (r) => ({
      author: r.pick(TITLE_WORDS.authors),
      pages: r.int(200, 520),
      format: r.pick(['Paperback', 'Hardcover']),
    }),
  },
  {
    category: 'board-games',
    skuPrefix: 'BG',
    weight: 2,
    priceRange: [12, 89],
    nouns: [
      'Strategy Board Game',
      'Cooperative Card Game',
      'Family Party Game',
      'Jigsaw Puzzle 1000 Pieces',
      'Two-Player Duel Game',
    ],
    features: [
      'Easy to learn, with real depth after many plays.',
      'Plays in about 45 minutes.',
      'Beautifully illustrated, with wooden components.',
      'A favourite for family evenings.',
    ],
    attributes: (r) => ({
      players: `${r.int(1, 2)}-${r.int(4, 8)}`,
      minAge: r.pick([6, 8, 10, 12, 14]),
      playMinutes: r.pick([15, 30, 45, 60, 90]),
    }),
  },
];
