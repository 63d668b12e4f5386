// Runs before `npm run build` in `prepare`, which npm runs when it packs the SDK (`npm pack`, `npm publish`), when
// the repository installs (`npm ci`: the workspace's build), and when another project installs this directory
// (`npm install <clone>/sdk`). Its lifecycle output is shown only when it fails, so this fails, with the command to
// use, where the build would give a broken install:
// - the repository's build tools are not installed (a fresh clone): tsup is missing;
// - npm is about to symlink this directory into another project: the SDK would then load the repository's viem, a
//   second copy beside the project's own (TypeScript rejects the project's transports and accounts as the SDK's
//   viem types, and `instanceof` fails across the copies). `--install-links` or a packed tarball installs a copy
//   that shares the project's viem.
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repository = path.dirname(sdk);
const { version } = JSON.parse(readFileSync(path.join(sdk, 'package.json'), 'utf8'));
const installACopy = [
  'a copy of the SDK, which uses your project\'s viem (README, "Install the SDK in your project"):',
  `  npm install --install-links ${sdk} viem`,
  'or pack it and install the tarball:',
  `  (cd ${repository} && npm pack ./sdk) && npm install ${path.join(repository, `conclave-sdk-${version}.tgz`)} viem`,
];

/** Where `id` resolves from `dir`, with symlinks followed, or undefined. */
function resolveFrom(dir, id) {
  try {
    return realpathSync(createRequire(path.join(dir, 'package.json')).resolve(id));
  } catch {
    return undefined;
  }
}

function fail(lines) {
  console.error(lines.join('\n'));
  process.exit(1);
}

if (!resolveFrom(sdk, 'tsup')) {
  fail([
    `@conclave/sdk cannot be built: its build tools are not installed. Run \`npm ci\` in ${repository}, then install`,
    ...installACopy,
  ]);
}

// \`npm install <dir>\` in another project: npm_config_local_prefix is that project, and npm links unless told
// \`--install-links\`. The repository's own installs and \`npm pack\` resolve a single viem.
const project = process.env.npm_config_local_prefix;
if (process.env.npm_command === 'install' && process.env.npm_config_install_links !== 'true' && project) {
  const projectViem = resolveFrom(project, 'viem/package.json');
  const sdkViem = resolveFrom(sdk, 'viem/package.json');
  if (projectViem && sdkViem && projectViem !== sdkViem) {
    fail([
      `@conclave/sdk: npm is linking ${sdk} into ${project}, where the SDK would load a second viem`,
      `(${path.dirname(sdkViem)}, beside ${path.dirname(projectViem)}) and TypeScript would reject your`,
      'transports and accounts. Install',
      ...installACopy,
    ]);
  }
}
