// How the agent writes amounts, ids and its log lines: one human-readable line per action.
import { formatEther } from 'viem';

/** `1,234.5 CNCL`: at most four decimals, thousands separated. */
export function cncl(amount: bigint): string {
  const [whole, fraction = ''] = formatEther(amount).split('.');
  const decimals = fraction.slice(0, 4).replace(/0+$/, '');
  return `${BigInt(whole!).toLocaleString('en-US')}${decimals ? `.${decimals}` : ''} CNCL`;
}

/** A fixed-point value with 18 decimals (a score, a multiplier) as `0.875`. */
export const ratio = (value: bigint) => Number(formatEther(value)).toFixed(3).replace(/\.?0+$/, '') || '0';

/** A long id as the README prints it (`1157…859`); short ids whole. */
export const shortId = (id: bigint | string) => {
  const text = id.toString();
  return text.length > 10 ? `${text.slice(0, 4)}…${text.slice(-3)}` : text;
};

/** `0x1234…abcd`. */
export const shortHex = (hex: string) => (hex.length > 14 ? `${hex.slice(0, 6)}…${hex.slice(-4)}` : hex);

/** A thrown value as one line: a Conclave or viem error's short message, else its message. */
export function errorLine(error: unknown): string {
  const e = error as { shortMessage?: string; message?: string; name?: string } | undefined;
  const text = e?.shortMessage ?? e?.message ?? String(error);
  return text.split('\n')[0]!.slice(0, 300);
}

export type Logger = (message: string) => void;

/** Lines of `HH:MM:SS [name] message` on stdout. */
export const createLogger =
  (name: string): Logger =>
  (message) =>
    console.log(`${new Date().toISOString().slice(11, 19)} [${name}] ${message}`);
