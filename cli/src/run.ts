import type { Command } from 'commander';
import { type Context, type GlobalOptions, connect } from './context.js';
import { toJson } from './format.js';

/** A command's result: an object for `--json` (bigints become decimal strings), lines for people. */
export type Output = { json: unknown; text: string[] };

type Options = Record<string, unknown>;

/**
 * Wraps a command's work: connects (with the signer when the command `writes`, failing before anything is sent
 * when there is none), runs it, and prints its result.
 */
export function handler(
  { writes }: { writes: boolean },
  work: (ctx: Context, args: string[], options: Options) => Promise<Output>,
) {
  return async (...params: unknown[]) => {
    const command = params.at(-1) as Command;
    const ctx = await connect(command.optsWithGlobals<GlobalOptions>(), { writes });
    const output = await work(ctx, command.processedArgs as string[], command.opts());
    process.stdout.write(ctx.json ? `${toJson(output.json)}\n` : `${output.text.join('\n')}\n`);
  };
}

/** Collects a repeatable option's values: `new Option('--call <call>').argParser(collect)`. */
export const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
