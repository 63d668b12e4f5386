import { type IndexedAuditEvent, supports } from '@conclave/sdk';
import { amount, multiplier, percentWad, short, utc, words } from './format';

const HIDDEN = new Set(['agentId', 'proposalId', 'indexedTag1', 'feedbackHash', 'responseHash', 'requestHash', 'signatures', 'calldatas', 'values', 'targets']);
const AMOUNT = /amount|value|weight|stake|budget|refund|deposit|fee|price|claimed|votes|balance|shares/i;

/** One argument of an audit event, formatted for people: amounts in CNCL, shares in %, addresses and hashes short. */
function formatArg(key: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key === 'support' && (typeof value === 'number' || typeof value === 'string')) return supports[Number(value)] ?? String(value);
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return Array.isArray(value) ? `${value.length} item${value.length === 1 ? '' : 's'}` : '…';
  if (/^0x[0-9a-fA-F]{40}$/.test(value)) return short(value);
  if (/^0x[0-9a-fA-F]+$/.test(value)) return short(value, 8, 4);
  if (/^\d+$/.test(value)) {
    const n = BigInt(value);
    if (/score|completionRate|participation/i.test(key) && value.length >= 15) return percentWad(n);
    if (/multiplier/i.test(key) && value.length >= 15) return multiplier(n);
    // Unix times (deadlines, release and start times) as dates.
    if (/deadline|time|eta|until|start|end/i.test(key) && value.length === 10) return utc(n);
    if (AMOUNT.test(key) && value.length > 12) return `${amount(n)} CNCL`;
    return value.length > 14 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;
  }
  return value.length > 48 ? `${value.slice(0, 45)}…` : value || '""';
}

/** The event's notable arguments as `name value` pairs (at most `max`). */
export function auditSummary(event: IndexedAuditEvent, max = 4): [string, string][] {
  const args = (event.args ?? {}) as Record<string, unknown>;
  return Object.entries(args)
    .filter(([key]) => !HIDDEN.has(key))
    .slice(0, max)
    .map(([key, value]) => [words(key).toLowerCase(), formatArg(key, value)]);
}

export function AuditArgs({ event, max }: { event: IndexedAuditEvent; max?: number }) {
  return (
    <span className="args">
      {auditSummary(event, max).map(([key, value]) => (
        <span key={key} className="arg">
          <span className="muted">{key}</span> {value}
        </span>
      ))}
    </span>
  );
}
