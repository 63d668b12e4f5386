import type { Abi } from 'viem';
import { ponder } from 'ponder:registry';
import config from '../ponder.config';

// An empty handler for every event of every contract and for the block interval: the same sources, and so the same
// logs, blocks and decoding, as the full indexer, with nothing written.
const handlers = ponder as unknown as { on: (name: string, handler: () => Promise<void>) => void };
for (const [contract, { abi }] of Object.entries(config.contracts) as [string, { abi: Abi }][]) {
  const names = new Set(abi.flatMap((item) => (item.type === 'event' ? [item.name] : [])));
  for (const name of names) handlers.on(`${contract}:${name}`, async () => {});
}
for (const name of Object.keys(config.blocks ?? {})) handlers.on(`${name}:block`, async () => {});
