// Small presentational pieces shared by the pages.
import { ConclaveContractError, ConclaveValidationError, type SigningClient } from '@conclave/sdk';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { BaseError, HttpRequestError } from 'viem';
import { useConnectorClient } from 'wagmi';
import { useConclave } from './conclave';
import { short, shortId } from './format';

export function PageHeader({ title, subtitle, children }: { title: ReactNode; subtitle?: ReactNode; children?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="subtitle">{subtitle}</p>}
      </div>
      {children && <div className="page-actions">{children}</div>}
    </header>
  );
}

export function Card({ title, children, actions, className }: { title?: ReactNode; children: ReactNode; actions?: ReactNode; className?: string }) {
  return (
    <section className={`card ${className ?? ''}`}>
      {(title || actions) && (
        <div className="card-head">
          {title && <h2>{title}</h2>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

export function Stat({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: ReactNode; testId?: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {hint && <div className="stat-hint">{hint}</div>}
    </div>
  );
}

/** A bar of `value` against `target` (both fractions of `max`), with the target marked. */
export function Meter({ value, max, target, tone }: { value: bigint; max: bigint; target?: bigint; tone?: 'good' | 'warn' | 'bad' }) {
  const pct = (v: bigint) => (max === 0n ? 0 : Math.min(100, Number((v * 10_000n) / max) / 100));
  return (
    <div className="meter" role="meter" aria-valuenow={pct(value)}>
      <div className={`meter-fill ${tone ?? ''}`} style={{ width: `${pct(value)}%` }} />
      {target !== undefined && <div className="meter-target" style={{ left: `${pct(target)}%` }} />}
    </div>
  );
}

const TONES: Record<string, string> = {
  Active: 'blue',
  Pending: 'grey',
  Succeeded: 'green',
  Queued: 'violet',
  Executed: 'green',
  Defeated: 'red',
  Canceled: 'grey',
  Expired: 'grey',
  Proposed: 'amber',
  Vetoed: 'grey',
  Favourable: 'green',
  Unfavourable: 'red',
  For: 'green',
  Against: 'red',
  Abstain: 'grey',
  Open: 'blue',
  Closing: 'amber',
  Closed: 'grey',
  Paused: 'amber',
  Retired: 'grey',
  Inactive: 'red',
  Claimable: 'green',
  Claimed: 'grey',
};

export function Badge({ children, tone }: { children: string; tone?: string }) {
  return <span className={`badge ${tone ?? TONES[children] ?? 'grey'}`}>{children}</span>;
}

export function Address({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="muted">–</span>;
  return (
    <span className="mono" title={value}>
      {short(value)}
    </span>
  );
}

export function AgentLink({ id, role }: { id: bigint; role?: string }) {
  return (
    <Link to={`/agents/${id}`} className="agent-link">
      Agent {id.toString()}
      {role ? <span className="muted"> · {role}</span> : null}
    </Link>
  );
}

export function ProposalLink({ id }: { id: bigint }) {
  return (
    <Link to={`/proposals/${id}`} className="mono" title={id.toString()}>
      {shortId(id)}
    </Link>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function Loading() {
  return <div className="empty">Loading…</div>;
}

/** One or two lines: what failed, and the decoded contract error or its meaning where the SDK knows it. */
export function describeError(error: unknown): { message: string; detail?: string } {
  if (error instanceof ConclaveContractError) return { message: error.shortMessage, detail: error.explanation };
  if (error instanceof ConclaveValidationError) return { message: error.shortMessage };
  if (error instanceof BaseError) {
    const http = error.walk((e) => e instanceof HttpRequestError);
    if (http instanceof HttpRequestError) return { message: `${http.shortMessage} (${http.url})` };
    return { message: error.shortMessage, detail: error.details?.split('\n')[0] };
  }
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}

export function ErrorNote({ error }: { error: unknown }) {
  const { message, detail } = describeError(error);
  return (
    <div className="error-note" role="alert">
      <strong>{message}</strong>
      {detail && <div>{detail}</div>}
    </div>
  );
}

/** A table with a header row; `rows` empty shows `empty`. */
export function Table({ head, children, empty, testId }: { head: ReactNode[]; children: ReactNode[]; empty?: ReactNode; testId?: string }) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {children.length === 0 && <Empty>{empty ?? 'Nothing yet.'}</Empty>}
    </div>
  );
}

/**
 * A protocol action sent with the connected wallet through the SDK: `run` receives the wallet's client (the SDK's
 * actions simulate first, so a revert comes back as its decoded custom error) and the deployment's addresses.
 */
export function useTransaction<T>(run: (client: SigningClient, addresses: ReturnType<typeof useConclave>['addresses']) => Promise<T>) {
  const { addresses } = useConclave();
  const { data: client } = useConnectorClient();
  const mutation = useMutation({
    mutationFn: async () => {
      if (!client) throw new Error('Connect a wallet first.');
      return run(client as unknown as SigningClient, addresses);
    },
  });
  return { ...mutation, ready: client !== undefined };
}

/** A button that sends one action, with its pending state, its result and its error under it. */
export function ActionButton({
  label,
  action,
  disabled,
  tone = 'primary',
  done,
  testId,
}: {
  label: string;
  action: ReturnType<typeof useTransaction<unknown>>;
  disabled?: boolean;
  tone?: 'primary' | 'secondary' | 'danger';
  done?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="action">
      <button
        type="button"
        className={`button ${tone}`}
        disabled={disabled || action.isPending || !action.ready}
        onClick={() => action.mutate()}
        data-testid={testId}
      >
        {action.isPending ? 'Sending…' : label}
      </button>
      {action.isSuccess && done && <span className="ok-note">{done}</span>}
      {action.isError && <ErrorNote error={action.error} />}
    </div>
  );
}
