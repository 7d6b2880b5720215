// One place that turns tsconfig.base.json + .swcrc.base.json into SWC options, shared by the
// build, the test transformer and the TypeScript runner, so all three compile code the same way.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const readJson = (file) => JSON.parse(readFileSync(join(repoRoot, file), 'utf8'));

export function swcOptions() {
  const base = readJson('.swcrc.base.json');
  delete base.$comment;
  const { paths } = readJson('tsconfig.base.json').compilerOptions;
  return {
    ...base,
    jsc: { ...base.jsc, baseUrl: repoRoot, paths },
  };
}

/** Lib aliases as `{ '@ecommerce/x': '<abs path to libs/x/src/index.ts>' }`. */
export function libAliases() {
  const { paths } = readJson('tsconfig.base.json').compilerOptions;
  return Object.fromEntries(
    Object.entries(paths).map(([alias, [target]]) => [alias, join(repoRoot, target)]),
  );
}
