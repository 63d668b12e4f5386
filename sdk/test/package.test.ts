// The SDK as an integrator gets it, with the README's commands ("Install the SDK in your project"): `npm pack ./sdk` in
// a copy of the repository whose sdk/ has no dist/ (so packing must build it; the copy's node_modules is the
// repository's, as after `npm ci`), then, in a fresh project outside the repository, `npm install <tarball>
// viem@2.57.1 --save-exact`. The installed package must load from ESM and CommonJS (every subpath), type-check
// under NodeNext, and share the project's single viem.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCid } from '../src/cid.js';

const exec = promisify(execFile);
const sdkDir = path.resolve(import.meta.dirname, '..');
const repoDir = path.dirname(sdkDir);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const { version } = JSON.parse(readFileSync(path.join(sdkDir, 'package.json'), 'utf8')) as { version: string };

// Run npm as a user would: without the npm_* variables of the `npm test` that started vitest (they carry its config,
// e.g. the workspace) and without the repository's node_modules/.bin on the PATH.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD'),
) as NodeJS.ProcessEnv;
env.PATH = (process.env.PATH ?? '')
  .split(path.delimiter)
  .filter((dir) => !dir.split(path.sep).includes('node_modules'))
  .join(path.delimiter);

const timings: string[] = [];
async function run(cwd: string, command: string, args: string[]) {
  const start = performance.now();
  try {
    return await exec(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    throw Object.assign(new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`), { stdout });
  } finally {
    timings.push(`${[command, ...args].join(' ')}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }
}

let tmp: string;
let app: string;
let tarballFiles: string[];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'conclave-sdk-package-'));
  const clone = path.join(tmp, 'conclave');
  const skipped = new Set(['dist', 'node_modules', 'docs'].map((dir) => path.join(sdkDir, dir)));
  await cp(sdkDir, path.join(clone, 'sdk'), { recursive: true, filter: (source) => !skipped.has(source) });
  await symlink(path.join(repoDir, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
  if (existsSync(path.join(sdkDir, 'node_modules'))) {
    await symlink(path.join(sdkDir, 'node_modules'), path.join(clone, 'sdk', 'node_modules'), 'dir');
  }
  expect(existsSync(path.join(clone, 'sdk', 'dist'))).toBe(false);

  const { stdout: packed } = await run(clone, 'npm', ['pack', './sdk']);
  const tarball = path.join(clone, packed.trim().split('\n').at(-1)!);
  expect(path.basename(tarball)).toBe(`conclave-sdk-${version}.tgz`);
  tarballFiles = (await run(tmp, 'tar', ['-tzf', tarball])).stdout.trim().split('\n');

  app = path.join(tmp, 'my-app');
  await mkdir(app);
  await run(app, 'npm', ['init', '-y']);
  await run(app, 'npm', ['install', tarball, 'viem@2.57.1', '--save-exact']);
}, 300_000);

afterAll(async () => {
  console.log(`package test timings:\n  ${timings.join('\n  ')}`);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the packed SDK', () => {
  it('holds the built entry points and no tests', () => {
    for (const entry of ['index', 'abis', 'devnet']) {
      for (const file of [`${entry}.js`, `${entry}.cjs`, `${entry}.d.ts`, `${entry}.d.cts`]) {
        expect(tarballFiles).toContain(`package/dist/${file}`);
      }
    }
    const tests = tarballFiles.filter((file) =>
      /\.test\.[cm]?[jt]s$|(^|\/)(test|tests|__tests__)\/|vitest\.config|globalSetup|fixtures/.test(file),
    );
    expect(tests).toEqual([]);
  });

  it('loads from ESM, every subpath, sharing the project viem', async () => {
    await writeFile(
      path.join(app, 'check.mjs'),
      `import { computeCid, createConclaveClient } from '@conclave/sdk';
import { agentRegistryAbi } from '@conclave/sdk/abis';
import { readDevnet } from '@conclave/sdk/devnet';
import { BaseError, http } from 'viem';

const client = createConclaveClient({ deployment: 31337, transport: http() });
const { cid } = await computeCid({ name: 'agent' });
// The SDK's errors extend the project's BaseError only if both load the same viem.
const shared = await computeCid(new Uint8Array(256 * 1024 + 1)).catch((error) => error instanceof BaseError);
console.log(JSON.stringify({ chainId: client.chain.id, registerAgent: typeof client.registerAgent, cid,
  abi: agentRegistryAbi.length > 0, readDevnet: typeof readDevnet, shared }));
`,
    );
    const { stdout } = await run(app, 'node', ['check.mjs']);
    expect(JSON.parse(stdout)).toEqual({
      chainId: 31337,
      registerAgent: 'function',
      cid: (await computeCid({ name: 'agent' })).cid,
      abi: true,
      readDevnet: 'function',
      shared: true,
    });
  });

  it('loads from CommonJS', async () => {
    await writeFile(
      path.join(app, 'check.cjs'),
      `const { createConclaveClient, computeCid } = require('@conclave/sdk');
const { agentRegistryAbi } = require('@conclave/sdk/abis');
const { readDevnet } = require('@conclave/sdk/devnet');
const loaded = [typeof createConclaveClient, typeof computeCid, Array.isArray(agentRegistryAbi), typeof readDevnet];
console.log(JSON.stringify(loaded));
`,
    );
    const { stdout } = await run(app, 'node', ['check.cjs']);
    expect(JSON.parse(stdout)).toEqual(['function', 'function', true, 'function']);
  });

  it('type-checks under NodeNext, from ESM and CommonJS, and rejects a wrong call', async () => {
    const uses = `
const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
export const client: ConclaveClient<typeof account> = createConclaveClient({ deployment: 31337, transport: http(), account });
export const cid: Promise<{ cid: string; uri: \`ipfs://\${string}\` }> = computeCid({ name: 'agent' });
export const abi: readonly unknown[] = agentRegistryAbi;
export const devnet: () => DevnetInfo = readDevnet;
// @ts-expect-error: a deployment is a chain id or a deployment file
createConclaveClient({ deployment: 'mainnet', transport: http() });
// @ts-expect-error: computeCid takes the document
computeCid();
`;
    const imports = `import { type ConclaveClient, computeCid, createConclaveClient } from '@conclave/sdk';
import { agentRegistryAbi } from '@conclave/sdk/abis';
import { type DevnetInfo, readDevnet } from '@conclave/sdk/devnet';
import { http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
`;
    await writeFile(path.join(app, 'esm.mts'), imports + uses);
    await writeFile(path.join(app, 'cjs.cts'), imports + uses);
    await writeFile(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['esm.mts', 'cjs.cts'],
      }),
    );
    await run(app, process.execPath, [tsc, '-p', '.']);

    // And the same check fails on a wrong call: the types are the SDK's, not `any`.
    await writeFile(path.join(app, 'wrong.mts'), `${imports}computeCid(42n);\n`);
    await writeFile(
      path.join(app, 'tsconfig.wrong.json'),
      JSON.stringify({ extends: './tsconfig.json', files: ['wrong.mts'] }),
    );
    const wrong = await run(app, process.execPath, [tsc, '-p', 'tsconfig.wrong.json']).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    expect(wrong).toMatch(/wrong\.mts\(\d+,\d+\): error TS2345: Argument of type 'bigint'/);
  });

  // The main entry and `/abis` are for browsers too: they may import viem and nothing of Node.js (a bundled
  // multiformats once brought `import crypto from 'crypto'`, and computeCid failed in the console).
  it('imports no Node.js module from its browser entry points', async () => {
    const dist = path.join(app, 'node_modules', '@conclave', 'sdk', 'dist');
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const files = (await readdir(dist)).filter((f) => f.endsWith('.js') && !f.startsWith('devnet'));
    expect(files).toContain('index.js');
    for (const file of files) {
      const code = readFileSync(path.join(dist, file), 'utf8');
      const imported = [...code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)].map(
        (m) => m[1] ?? m[2]!,
      );
      expect(imported.filter((name) => builtins.has(name)), file).toEqual([]);
      expect(imported.filter((name) => !name.startsWith('.') && !name.startsWith('viem')), file).toEqual([]);
    }
  });

  it('leaves the project a single viem', async () => {
    const { stdout } = await run(app, 'npm', ['ls', 'viem', '--all', '--parseable']);
    expect(stdout.trim().split('\n')).toEqual([path.join(app, 'node_modules', 'viem')]);
    expect(await readdir(path.join(app, 'node_modules', '@conclave'))).toEqual(['sdk']);
  });
});

describe('the README', () => {
  // <!-- README snippet: install --> holds the commands this file runs (npm ci's place is taken by the repository's
  // installed node_modules; the tarball's path and the project's directory are temporary ones here).
  it('prints the commands this test runs', () => {
    const readme = readFileSync(path.join(repoDir, 'README.md'), 'utf8');
    const block = /<!-- README snippet: install [^\n]*-->\n```sh\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(block, 'the README has the install snippet').toBeTruthy();
    const commands = block!
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual([
      'npm ci',
      'npm pack ./sdk',
      `npm install ../conclave/conclave-sdk-${version}.tgz viem@2.57.1 --save-exact`,
    ]);
  });
});
