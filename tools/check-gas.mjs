#!/usr/bin/env node
// Checks the committed gas snapshots. forge 1.7.1 with FORGE_SNAPSHOT_CHECK=true prints
// "Snapshots differ from previous run" but still exits 0, so this wrapper turns that report into a failure.
import { spawn } from 'node:child_process';
import { FORGE_BIN, ROOT } from './devnet.mjs';

const child = spawn(FORGE_BIN, ['test'], {
  cwd: ROOT,
  env: { ...process.env, FOUNDRY_PROFILE: 'gas', FORGE_SNAPSHOT_CHECK: 'true' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
for (const stream of [child.stdout, child.stderr]) {
  stream.on('data', (chunk) => {
    output += chunk;
    (stream === child.stdout ? process.stdout : process.stderr).write(chunk);
  });
}
child.on('close', (code) => {
  if (code !== 0) process.exit(code ?? 1);
  if (/Failed to match snapshots|Snapshots differ/.test(output)) {
    console.error('\nGas snapshots differ from snapshots/: run `npm run gas` and commit the change deliberately.');
    process.exit(1);
  }
});
