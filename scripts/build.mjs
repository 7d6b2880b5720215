#!/usr/bin/env node
// Compiles a project and every lib into dist/, keeping the repo layout, with the @ecommerce/*
// aliases rewritten to relative paths so the output runs on plain Node.
// Usage: node scripts/build.mjs [services/user-service ...]   (no argument: everything)
import { transformFile } from '@swc/core';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoRoot, swcOptions } from './swc-options.mjs';

const isSource = (file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.d.ts');

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

const projectDirs = (parent) =>
  existsSync(join(repoRoot, parent))
    ? readdirSync(join(repoRoot, parent)).map((name) => join(parent, name))
    : [];

const requested = process.argv.slice(2);
const projects = [...projectDirs('libs'), ...(requested.length ? requested : projectDirs('services'))];
const options = swcOptions();
const outRoot = join(repoRoot, 'dist');

let count = 0;
// Data a lib imports from its own folder (libs/contracts/topics.json) must sit beside its output too.
const PROJECT_FILES_SKIPPED = new Set(['package.json', 'project.json', 'tsconfig.json']);

for (const project of projects) {
  for (const name of readdirSync(join(repoRoot, project))) {
    if (name.endsWith('.json') && !PROJECT_FILES_SKIPPED.has(name)) {
      mkdirSync(join(outRoot, project), { recursive: true });
      cpSync(join(repoRoot, project, name), join(outRoot, project, name));
    }
  }
  const src = join(repoRoot, project, 'src');
  if (!existsSync(src)) continue;
  for (const file of walk(src)) {
    const rel = relative(repoRoot, file);
    const out = join(outRoot, rel);
    mkdirSync(dirname(out), { recursive: true });
    if (isSource(file)) {
      const { code, map } = await transformFile(file, { ...options, filename: file, sourceFileName: file });
      const jsOut = out.replace(/\.ts$/, '.js');
      writeFileSync(jsOut, `${code}\n//# sourceMappingURL=${jsOut.split('/').pop()}.map`);
      if (map) writeFileSync(`${jsOut}.map`, map);
      count++;
    } else if (!file.endsWith('.ts')) {
      cpSync(file, out);
    }
  }
}
console.log(`built ${count} files into dist/ (${projects.map((p) => p.split('/').pop()).join(', ')})`);
