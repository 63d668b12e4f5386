#!/usr/bin/env node
// The `conclave` command. It loads the build (dist/cli.js, made by `npm run build -w @conclave/cli`, which the
// repository's `prepare` runs on `npm ci`); this file exists before the build, so npm links the command at install.
import { access } from 'node:fs/promises';

const cli = new URL('../dist/cli.js', import.meta.url);
try {
  await access(cli);
} catch {
  console.error('error: the Conclave CLI is not built yet: run `npm run build -w @conclave/cli`');
  process.exit(1);
}
await import(cli.href);
