// Local chain helpers shared by `npm run dev` and the SDK and indexer test setups: start anvil's native binary on
// a free loopback port (so the PID we hold is anvil's own), deploy through script/Deploy.s.sol exactly as users
// do, and stop everything by PID.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = (tool) => path.join(ROOT, 'node_modules', '@foundry-rs', `${tool}-linux-amd64`, 'bin', tool);
export const ANVIL_BIN = BIN('anvil');
export const FORGE_BIN = BIN('forge');

/** Resolves a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function rpc(url, method, params = []) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/**
 * Starts anvil on `port` (or a free one). Returns { url, port, pid, process, stop }.
 * Extra anvil flags go in `args`.
 */
export async function startAnvil({ port, args = [], quiet = true } = {}) {
  port ??= await freePort();
  const child = spawn(ANVIL_BIN, ['--host', '127.0.0.1', '--port', String(port), ...args], {
    stdio: quiet ? 'ignore' : 'inherit',
  });
  const url = `http://127.0.0.1:${port}`;
  let exited = null;
  child.once('exit', (code, signal) => (exited = { code, signal }));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (exited) throw new Error(`anvil exited before answering (code ${exited.code}, signal ${exited.signal})`);
    try {
      await rpc(url, 'eth_chainId');
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`anvil did not answer on ${url} within 15 s`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const stop = () =>
    new Promise((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, port, pid: child.pid, process: child, stop, rpc: (m, p) => rpc(url, m, p) };
}

/**
 * Deploys the protocol with script/Deploy.s.sol against `rpcUrl` and returns the deployment file's content.
 * `demo` seeds the five C-suite agents (and, with governance, the demo proposal). `onLine` receives forge's output
 * line by line (its progress).
 */
export async function deploy({ rpcUrl, demo = false, deploymentsDir = 'deployments', env = {}, onLine }) {
  await new Promise((resolve, reject) => {
    const child = spawn(FORGE_BIN, ['script', 'script/Deploy.s.sol:Deploy', '--rpc-url', rpcUrl, '--broadcast', '--slow'], {
      cwd: ROOT,
      env: { ...process.env, DEMO_AGENTS: demo ? 'true' : 'false', DEPLOYMENTS_DIR: deploymentsDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The trace is long: keep its end, where forge names the failure.
    let stdout = '';
    let stderr = '';
    const keep = (text, chunk) => (text + chunk).slice(-8000);
    let partial = '';
    child.stdout.on('data', (chunk) => {
      stdout = keep(stdout, chunk);
      if (!onLine) return;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      for (const line of lines) onLine(line);
    });
    child.stderr.on('data', (chunk) => (stderr = keep(stderr, chunk)));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`forge script failed (exit ${code}): ${stderr.slice(-4000)}\n${stdout.slice(-4000)}`));
    });
  });
  const chainId = Number(await rpc(rpcUrl, 'eth_chainId'));
  const file = path.resolve(ROOT, deploymentsDir, `${chainId}.json`);
  return JSON.parse(await readFile(file, 'utf8'));
}
