import { formatEther } from 'viem';

/** `10,000 CNCL`, `0.01 CNCL`: a token amount (18 decimals) with thousands separators. */
export function cncl(wei: bigint): string {
  return `${grouped(formatEther(wei))} CNCL`;
}

/** `10 ETH`, `9.9999 ETH`: gas makes ETH balances long, so to four decimals (rounded down). */
export function eth(wei: bigint): string {
  const [whole, fraction = ''] = formatEther(wei).split('.');
  const short = fraction.slice(0, 4).replace(/0+$/, '');
  return `${grouped(short ? `${whole}.${short}` : whole!)} ETH`;
}

function grouped(decimal: string): string {
  const [whole = '0', fraction] = decimal.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}${fraction ? `.${fraction}` : ''}`;
}

const MINUTE = 60n;
const HOUR = 3600n;
const DAY = 86_400n;

/**
 * A duration the way people read a countdown, to its two leading units and rounded down: `6 d 23 h`, `47 h`,
 * `1 h 59 min`, `5 min`, `12 s`. From two days on in days and hours; from ten hours on in hours only.
 */
export function duration(seconds: bigint): string {
  const s = seconds < 0n ? 0n : seconds;
  const join = (a: string, b: string | false) => (b ? `${a} ${b}` : a);
  if (s >= 2n * DAY) return join(`${s / DAY} d`, (s % DAY) / HOUR > 0n && `${(s % DAY) / HOUR} h`);
  if (s >= 10n * HOUR) return `${s / HOUR} h`;
  if (s >= HOUR) return join(`${s / HOUR} h`, (s % HOUR) / MINUTE > 0n && `${(s % HOUR) / MINUTE} min`);
  if (s >= MINUTE) return `${s / MINUTE} min`;
  return `${s} s`;
}

/** `2026-11-22 03:00 UTC` for a Unix time in seconds (chain time: on a devnet it moves with `devnet advance`). */
export function utc(timestamp: bigint): string {
  return `${new Date(Number(timestamp) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** JSON for scripts: bigints as decimal strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

/** Aligned `label  value` lines under a heading. */
export function table(rows: readonly (readonly [string, string])[], indent = '  '): string[] {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`);
}

/** Basis points as a percentage: `400` is `4 %`. */
export function percent(bps: number | bigint): string {
  const n = Number(bps);
  return `${n % 100 === 0 ? n / 100 : (n / 100).toFixed(2)} %`;
}
