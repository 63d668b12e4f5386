#!/usr/bin/env node
// Stands in for a native solc: no native binary can be installed here, so forge runs this shim
// (foundry.toml `solc = "tools/solc.cjs"`), which answers like solc and compiles with the pinned
// solc-js from npm. forge only ever asks for `--version` and `--standard-json` (input on stdin).
'use strict';
const solc = require('solc');

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(
    `solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`,
  );
  process.exit(0);
}
if (!args.includes('--standard-json')) {
  process.stderr.write(`solc shim: only --version and --standard-json are supported (got: ${args.join(' ')})\n`);
  process.exit(2);
}

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  const input = Buffer.concat(chunks).toString('utf8');
  // forge sends every source's content inline; a missing import is a real error, reported by solc.
  const output = solc.compile(input, {
    import: (path) => ({ error: `solc shim: source not provided by forge: ${path}` }),
  });
  process.stdout.write(output);
});
