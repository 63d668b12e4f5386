// Starts a real anvil and deploys the protocol with script/Deploy.s.sol (demo agents included), exactly as users
// do; the tests get the RPC URL and the deployment file through `inject`.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error: plain ESM helper shared with `npm run dev`
import { deploy, startAnvil } from '../../tools/devnet.mjs';
import type { DeploymentFile } from '../src/deployment.js';

declare module 'vitest' {
  export interface ProvidedContext {
    rpcUrl: string;
    deployment: DeploymentFile;
  }
}

export default async function setup(project: TestProject) {
  const anvil = await startAnvil({ args: ['--accounts', '30'] });
  // forge may only write under ./deployments (foundry.toml fs_permissions); tmp/ is git-ignored.
  const root = path.resolve(import.meta.dirname, '../../deployments/tmp');
  await mkdir(root, { recursive: true });
  const dir = await mkdtemp(path.join(root, 'sdk-'));
  try {
    const deployment = (await deploy({ rpcUrl: anvil.url, demo: true, deploymentsDir: dir })) as DeploymentFile;
    project.provide('rpcUrl', anvil.url);
    project.provide('deployment', deployment);
  } catch (error) {
    await anvil.stop();
    throw error;
  }
  return async () => {
    await anvil.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
