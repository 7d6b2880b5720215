// Three Jest projects: `unit` (*.spec.ts beside the code, no infrastructure), `integration`
// (test/*.int-spec.ts against the real PostgreSQL, Redis, Kafka and Elasticsearch) and `e2e`
// (e2e/**/*.e2e-spec.ts against the natively started platform).
const { readFileSync } = require('node:fs');

const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc.base.json`, 'utf8'));
delete swc.$comment;
const { paths } = JSON.parse(readFileSync(`${__dirname}/tsconfig.base.json`, 'utf8')).compilerOptions;
const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

const ESM_PACKAGES = [
  '@nestjs',
  'jose',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
  'load-esm',
];

const common = {
  rootDir: __dirname,
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swc, sourceMaps: 'inline' }],
    // NestJS 12 and a few of its dependencies ship only ES modules, which Jest's CommonJS runtime
    // cannot require on Node 20: compile them to CommonJS like our own code.
    '^.+\\.m?js$': ['@swc/jest', { module: { type: 'commonjs' }, jsc: { target: 'es2022' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
  // TypeORM keeps its metadata storage on the global object; Jest must not soft-delete it between files.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,services}/*/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services}/*/test/**/*.int-spec.ts'],
      setupFiles: ['<rootDir>/libs/testing/src/jest-setup.ts'],
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest-after-env.ts'],
    },
    // Whole-platform tests: against the services started by `npm run start:native`, through their public API.
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/e2e/support/jest-after-env.ts'],
    },
  ],
};
