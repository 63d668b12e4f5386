// The agent's small local store: what the chain and the indexer cannot tell it, in one JSON file written atomically
// (a temporary file, fsync, rename, fsync of the directory), so a process killed at any instant leaves either the old
// or the new state, never a torn one. The channel ledger and the provider's vouchers live in their own append-only
// files (`@conclave/x402`'s fileStore), beside it.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Address, Hex } from 'viem';

export type AgentState = {
  version: 1;
  /** The chain this directory belongs to: a devnet restarted from scratch has the same id but another genesis. */
  chain: { chainId: number; genesis: Hex; registry: Address };
  /** The agent's id once registered or loaded (the chain confirms it on every start). */
  agentId?: string | undefined;
  /** The tool this agent listed (confirmed against the chain on every start). */
  toolId?: string | undefined;
};

export class StateFile {
  readonly file: string;
  #state: AgentState | undefined;

  constructor(readonly directory: string) {
    mkdirSync(directory, { recursive: true });
    this.file = path.join(directory, 'state.json');
    this.#state = existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as AgentState) : undefined;
  }

  get state(): AgentState | undefined {
    return this.#state;
  }

  /** Replaces the state durably: returns once it is on disk. */
  write(state: AgentState): void {
    const temporary = `${this.file}.tmp`;
    const fd = openSync(temporary, 'w');
    writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, this.file);
    try {
      const dir = openSync(this.directory, 'r');
      fsyncSync(dir);
      closeSync(dir);
    } catch {
      // Not every platform can fsync a directory.
    }
    this.#state = state;
  }

  /** Merges `changes` into the state and writes it. */
  update(changes: Partial<AgentState>): void {
    if (!this.#state) throw new Error('the state has not been initialised');
    this.write({ ...this.#state, ...changes });
  }
}
