import { Command } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { agentCommands, delegateCommand } from './commands/agent.js';
import { channelCommands } from './commands/channel.js';
import { devnetCommands } from './commands/devnet.js';
import { proposalCommands } from './commands/proposal.js';
import { providerCommands } from './commands/provider.js';
import { statusCommand } from './commands/status.js';
import { toolCommands } from './commands/tool.js';
import { reportError } from './errors.js';

const program = new Command('conclave')
  .description('The Conclave protocol from a shell: agents, staking, governance, tools, payment channels, devnet.')
  .version(packageJson.version)
  .option('--json', 'print JSON for scripts (bigints as decimal strings; errors as {"error": {…}} on stderr)')
  .option('--rpc-url <url>', "the chain's RPC (default: the devnet's, from .dev/dev.json or $CONCLAVE_DEVNET)")
  .option('--deployment <file>', 'the deployment file, deployments/<chainId>.json (default: the devnet\'s, else the SDK\'s for the chain)')
  .option('--indexer-url <url>', "the indexer (default: the devnet's)")
  .option('--private-key <key>', 'the key that signs transactions (or set CONCLAVE_PRIVATE_KEY)')
  .option('--account <n>', "on the devnet: sign with anvil's account n (1-5 own the demo agents 1-5)")
  .showHelpAfterError('(run conclave --help for the commands)')
  .addHelpText(
    'after',
    `
Where the chain is: by default the devnet that \`npm run dev\` started (.dev/dev.json in this directory or
above, or the file named by CONCLAVE_DEVNET); --rpc-url and --deployment name another. Reads need no key.
Amounts are in CNCL (e.g. 5000 or 0.01). Run \`conclave <command> --help\` for a command's options.

Examples:
  $ conclave status
  $ conclave --account 1 proposal vote <proposalId> for --reason "Keeps slashes bounded"
  $ conclave --json agent status 1`,
  );

statusCommand(program);
agentCommands(program);
delegateCommand(program);
proposalCommands(program);
toolCommands(program);
channelCommands(program);
providerCommands(program);
devnetCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  reportError(error, program.opts().json === true || process.argv.includes('--json'));
  process.exitCode = 1;
}
