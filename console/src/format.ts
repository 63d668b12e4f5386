import { type IndexedProposal, plainProposalDescription } from '@conclave/sdk';
import { formatEther } from 'viem';

const WAD = 10n ** 18n;

function grouped(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `10,000 CNCL`, `0.975 CNCL`: a token amount (18 decimals), thousands separated, to `decimals` places (rounded down). */
export function cncl(wei: bigint, decimals = 4): string {
  return `${amount(wei, decimals)} CNCL`;
}

/** The number part of {@link cncl}. */
export function amount(wei: bigint, decimals = 4): string {
  const negative = wei < 0n;
  const [whole = '0', fraction = ''] = formatEther(negative ? -wei : wei).split('.');
  const shown = fraction.slice(0, decimals).replace(/0+$/, '');
  const tiny = shown === '' && fraction.replace(/0+$/, '') !== '' && whole === '0';
  const text = tiny ? `< 0.${'0'.repeat(decimals - 1)}1` : `${grouped(whole)}${shown ? `.${shown}` : ''}`;
  return negative ? `-${text}` : text;
}

/** A WAD fraction (1e18 = 100 %) as a percentage: `83.3 %`. */
export function percentWad(wad: bigint, digits = 1): string {
  const scaled = Number((wad * 10n ** BigInt(2 + digits)) / WAD) / 10 ** digits;
  return `${scaled.toFixed(digits).replace(/\.0+$/, '')} %`;
}

/** Basis points as a percentage: `400` is `4 %`. */
export function percentBps(bps: number | bigint): string {
  const n = Number(bps);
  return `${n % 100 === 0 ? n / 100 : (n / 100).toFixed(2)} %`;
}

/** `a / b` as a percentage (0 when b is 0). */
export function share(a: bigint, b: bigint, digits = 1): string {
  return b === 0n ? '0 %' : percentWad((a * WAD) / b, digits);
}

/** A WAD multiplier: `1.85x`. */
export function multiplier(wad: bigint): string {
  return `${(Number((wad * 100n) / WAD) / 100).toFixed(2)}x`;
}

const MINUTE = 60n;
const HOUR = 3600n;
const DAY = 86_400n;

/** A countdown to its two leading units, rounded down: `6 d 23 h`, `47 h`, `1 h 59 min`, `5 min`, `12 s`. */
export function duration(seconds: bigint): string {
  const s = seconds < 0n ? 0n : seconds;
  const join = (a: string, b: string | false) => (b ? `${a} ${b}` : a);
  if (s >= 2n * DAY) return join(`${s / DAY} d`, (s % DAY) / HOUR > 0n && `${(s % DAY) / HOUR} h`);
  if (s >= 10n * HOUR) return `${s / HOUR} h`;
  if (s >= HOUR) return join(`${s / HOUR} h`, (s % HOUR) / MINUTE > 0n && `${(s % HOUR) / MINUTE} min`);
  if (s >= MINUTE) return `${s / MINUTE} min`;
  return `${s} s`;
}

/** `2026-11-22 03:00 UTC` for a Unix time in seconds (chain time). */
export function utc(timestamp: bigint): string {
  return `${new Date(Number(timestamp) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `5 min ago`, `in 2 d 3 h`, relative to chain time `now`. */
export function relative(timestamp: bigint, now: bigint | undefined): string {
  if (now === undefined) return utc(timestamp);
  return timestamp > now ? `in ${duration(timestamp - now)}` : `${duration(now - timestamp)} ago`;
}

/** `0x7099…79C8`. */
export function short(hex: string, head = 6, tail = 4): string {
  return hex.length <= head + tail + 1 ? hex : `${hex.slice(0, head)}…${hex.slice(-tail)}`;
}

/** A long id (a proposal id is a 256-bit hash) shortened for tables: `11571…42859`. */
export function shortId(id: bigint): string {
  const text = id.toString();
  return text.length > 12 ? `${text.slice(0, 5)}…${text.slice(-5)}` : text;
}

/** `1 proposal`, `3 proposals`. */
export function plural(n: number | bigint, noun: string): string {
  return `${int(n)} ${noun}${n === 1 || n === 1n ? '' : 's'}`;
}

/** A decimal id from a URL, or undefined when it is not one. */
export function parseId(text: string | null | undefined): bigint | undefined {
  return text && /^\d{1,78}$/.test(text) ? BigInt(text) : undefined;
}

/** Thousands-separated integer. */
export function int(n: number | bigint): string {
  return grouped(n.toString());
}

/** Categories and other PascalCase names in words: `EconomicParameter` is `Economic parameter`, `CSuite` `C-suite`. */
export function words(name: string): string {
  if (name === 'CSuite') return 'C-suite';
  if (/^[A-Z]{2,}$/.test(name)) return name;
  const spaced = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The text a proposer wrote, without the tags the Governor recorded (the SDK's `plainProposalDescription`). */
export const plainDescription = plainProposalDescription;

/** When voting closes: the expedited mark while the expedited rules apply, else the deadline (the indexer keeps it). */
const closesAt = (p: IndexedProposal) => p.voteEnd + 1n;

/** The state as one word and what it means now, with the time left (chain time `now`). */
export function proposalState(p: IndexedProposal, now: bigint | undefined, quorum?: bigint | null): { word: string; detail: string } {
  const left = (at: bigint) => (now === undefined ? utc(at) : at > now ? `in ${duration(at - now)}` : 'now');
  switch (p.state) {
    case 'Pending':
      // The Governor counts a proposal Pending up to its snapshot second, Active from the next one.
      return { word: 'Pending', detail: `voting opens ${left(p.voteStart + 1n)}` };
    case 'Active':
      return { word: 'Active', detail: `voting closes ${left(closesAt(p))}${p.expedited && !p.fellBack ? ' (expedited mark)' : ''}` };
    case 'Succeeded':
      return p.reviewRequired && p.verdict !== 'Favourable'
        ? { word: 'Succeeded', detail: 'needs a favourable CLO review before it can be queued' }
        : { word: 'Succeeded', detail: 'passed: ready to queue' };
    case 'Queued':
      return p.eta !== null && now !== undefined && p.eta > now
        ? { word: 'Queued', detail: `executable in ${duration(p.eta - now)}` }
        : { word: 'Queued', detail: 'executable now' };
    case 'Defeated':
      return quorum != null && p.forVotes + p.abstainVotes < quorum
        ? { word: 'Defeated', detail: 'quorum not reached' }
        : { word: 'Defeated', detail: 'not enough votes for it' };
    case 'Executed':
      return { word: 'Executed', detail: 'its actions ran' };
    case 'Canceled':
      return { word: 'Canceled', detail: 'canceled before it ran' };
    case 'Expired':
      return { word: 'Expired', detail: 'not executed in time' };
    default:
      return { word: p.state, detail: '' };
  }
}
