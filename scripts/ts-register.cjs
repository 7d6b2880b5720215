// Lets Node run TypeScript sources directly (operator commands, scripts): compiles each .ts file
// with the same SWC options as the build and resolves the @ecommerce/* aliases.
const Module = require('node:module');
const { transformSync } = require('@swc/core');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const repoRoot = join(__dirname, '..');
const base = JSON.parse(readFileSync(join(repoRoot, '.swcrc.base.json'), 'utf8'));
delete base.$comment;
const { paths } = JSON.parse(readFileSync(join(repoRoot, 'tsconfig.base.json'), 'utf8')).compilerOptions;
const aliases = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [alias, join(repoRoot, target)]),
);

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  return originalResolve.call(this, aliases[request] ?? request, ...rest);
};

Module._extensions['.ts'] = function compileTs(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    ...base,
    filename,
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
