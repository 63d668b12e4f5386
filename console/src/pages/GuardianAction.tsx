import { type GuardianApproval, executeGuardian, signGuardianApproval } from '@conclave/sdk';
import { useEffect, useState } from 'react';
import { type AbiFunction, type Address, type Hex, encodeFunctionData, keccak256, toFunctionSelector, toHex } from 'viem';
import { useConnection } from 'wagmi';
import { contractAt, parseArg } from '../contracts';
import { useConclave, useIndexerList } from '../conclave';
import { plainDescription, relative, short, shortId, utc } from '../format';
import { useLive } from '../live';
import { ActionButton, Card, ErrorNote, useTransaction } from '../ui';

/** An emergency call being approved: what it calls, until when, at which multisig nonce, and who signed so far. */
type Draft = { summary: string; target: Address; data: Hex; deadline: string; nonce: string; approvals: GuardianApproval[] };

/** Drafts live in this browser (per chain and multisig); owners elsewhere exchange them as text. */
function useDraft(storageKey: string) {
  const [draft, setDraft] = useState<Draft | null>(() => {
    const raw = localStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as Draft) : null;
  });
  useEffect(() => {
    if (draft) localStorage.setItem(storageKey, JSON.stringify(draft));
    else localStorage.removeItem(storageKey);
  }, [draft, storageKey]);
  return [draft, setDraft] as const;
}

/**
 * The guardian's emergency actions from the console: an owner prepares one of the allow-listed calls (pause, unpause,
 * cancel a proposal, veto a slash), owners sign EIP-712 approvals with the SDK, and once the threshold is met anyone
 * submits it.
 */
export function GuardianAction({
  allowed,
  owners,
  threshold,
  nonce,
}: {
  allowed: { target: string; selector: string }[];
  owners: readonly Address[];
  threshold: bigint;
  nonce: bigint;
}) {
  const { addresses, config } = useConclave();
  const { now } = useLive();
  const { address } = useConnection();
  const [draft, setDraft] = useDraft(`conclave.console.guardian.${config.chainId}.${addresses.guardian}`);
  const [call, setCall] = useState('');
  const [args, setArgs] = useState<string[]>([]);
  const [hours, setHours] = useState('24');
  const [imported, setImported] = useState('');
  const [error, setError] = useState<unknown>();
  const [executed, setExecuted] = useState<string>();
  const proposals = useIndexerList('proposal', { where: { state_in: ['Pending', 'Active', 'Succeeded', 'Queued'] }, orderBy: 'createdAt', orderDirection: 'desc', limit: 100 });
  const slashes = useIndexerList('slashProposal', { where: { state: 'Proposed' }, orderBy: 'id', limit: 100 });

  const calls = allowed.flatMap(({ target, selector }) => {
    const contract = contractAt(addresses, target);
    const fn = contract?.abi.find((item) => item.type === 'function' && toFunctionSelector(item) === selector) as AbiFunction | undefined;
    return contract && fn ? [{ value: `${target}:${selector}`, contract, fn }] : [];
  });
  const chosen = calls.find((c) => c.value === call);
  const isCancel = chosen?.contract.key === 'governor' && chosen.fn.name === 'cancel';
  const isVeto = chosen?.contract.key === 'slashing';

  const prepare = () => {
    setError(undefined);
    setExecuted(undefined);
    try {
      if (!chosen || now === undefined) throw new Error('Choose a call.');
      let data: Hex;
      let summary: string;
      if (isCancel) {
        const p = proposals.data?.items.find((x) => x.id.toString() === args[0]);
        if (!p) throw new Error('Choose the proposal to cancel.');
        const hash = keccak256(toHex(p.description));
        data = encodeFunctionData({ abi: [chosen.fn], functionName: 'cancel', args: [p.targets as Address[], (p.values as string[]).map(BigInt), p.calldatas as Hex[], hash] });
        summary = `Cancel proposal ${shortId(p.id)} (“${plainDescription(p.description)}”)`;
      } else {
        const values = chosen.fn.inputs.map((input, i) => parseArg(input, args[i] ?? ''));
        data = encodeFunctionData({ abi: [chosen.fn], functionName: chosen.fn.name, args: values });
        summary = isVeto ? `Veto slash #${args[0]}` : `${chosen.contract.name}: ${chosen.fn.name}(${values.map(String).join(', ')})`;
      }
      const deadline = now + BigInt(Math.round(Number(hours) * 3600));
      setDraft({ summary, target: chosen.contract.address, data, deadline: deadline.toString(), nonce: nonce.toString(), approvals: [] });
    } catch (e) {
      setError(e);
    }
  };

  const approve = useTransaction(async (client, a) => {
    const approval = await signGuardianApproval(client, { addresses: a, target: draft!.target, data: draft!.data, deadline: BigInt(draft!.deadline), nonce: BigInt(draft!.nonce) });
    setDraft((d) => (d ? { ...d, approvals: [...d.approvals.filter((x) => x.signer !== approval.signer), approval] } : d));
    return approval;
  });
  const execute = useTransaction(async (client, a) => {
    const result = await executeGuardian(client, { addresses: a, target: draft!.target, data: draft!.data, deadline: BigInt(draft!.deadline), approvals: draft!.approvals });
    setExecuted(`Executed: ${draft!.summary} (transaction ${short(result.hash, 10, 6)}).`);
    setDraft(null);
    setCall('');
    setArgs([]);
    return result;
  });

  const label = (signer: string) => config.devAccounts.find((x) => x.address.toLowerCase() === signer.toLowerCase());
  const isOwner = !!address && owners.some((o) => o.toLowerCase() === address.toLowerCase());

  if (draft) {
    const stale = BigInt(draft.nonce) !== nonce;
    const expired = now !== undefined && BigInt(draft.deadline) < now;
    const signed = !!address && draft.approvals.some((a) => a.signer.toLowerCase() === address.toLowerCase());
    return (
      <Card title="Emergency action" actions={<span className="muted small">approvals are kept in this browser until it is executed</span>}>
        <div className="form" data-testid="guardian-draft">
          <div>
            <strong>{draft.summary}</strong>
            <div className="muted small">
              {contractAt(addresses, draft.target)?.name ?? short(draft.target)} · nonce {draft.nonce} · approvals valid until {utc(BigInt(draft.deadline))} (
              {relative(BigInt(draft.deadline), now)})
            </div>
          </div>
          <div data-testid="guardian-approvals">
            {draft.approvals.length} of {threshold.toString()} approvals
            {draft.approvals.map((a) => (
              <span key={a.signer} className="chip">
                {label(a.signer) ? `account ${label(a.signer)!.index}` : short(a.signer)}
              </span>
            ))}
          </div>
          {stale && <div className="error-note">The multisig has executed another action since (nonce {nonce.toString()}): these approvals are void.</div>}
          {expired && <div className="error-note">The approvals' deadline has passed.</div>}
          <div className="row">
            {isOwner && !signed && !stale && !expired && <ActionButton label="Approve as this owner" action={approve} />}
            {draft.approvals.length >= Number(threshold) && !stale && !expired && <ActionButton label="Execute" action={execute} tone="danger" />}
            <button type="button" className="button secondary" onClick={() => setDraft(null)}>
              Discard
            </button>
          </div>
          {!isOwner && <div className="muted small">Connect a guardian owner's wallet to approve; anyone may execute once {threshold.toString()} have.</div>}
          <details>
            <summary className="muted small">Share with owners in other browsers</summary>
            <textarea readOnly rows={4} className="mono small" value={JSON.stringify(draft)} onFocus={(e) => e.target.select()} />
          </details>
        </div>
      </Card>
    );
  }

  return (
    <Card title="Emergency action">
      <div className="form">
        {executed && (
          <div className="ok-note" data-testid="guardian-executed">
            {executed}
          </div>
        )}
        <div className="row">
          <label>
            Call
            <select
              aria-label="Emergency call"
              value={call}
              onChange={(e) => {
                setCall(e.target.value);
                setArgs([]);
              }}
            >
              <option value="">Choose an allow-listed call…</option>
              {calls.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.contract.name} · {c.fn.name === 'veto' ? 'veto a slash' : c.fn.name === 'cancel' ? 'cancel a proposal' : c.fn.name}
                </option>
              ))}
            </select>
          </label>
          {isCancel && (
            <label>
              Proposal
              <select aria-label="Proposal to cancel" value={args[0] ?? ''} onChange={(e) => setArgs([e.target.value])}>
                <option value="">Choose…</option>
                {(proposals.data?.items ?? []).map((p) => (
                  <option key={p.id.toString()} value={p.id.toString()}>
                    {shortId(p.id)} · {plainDescription(p.description)} ({p.state})
                  </option>
                ))}
              </select>
            </label>
          )}
          {isVeto && (
            <label>
              Slash
              <select aria-label="Slash to veto" value={args[0] ?? ''} onChange={(e) => setArgs([e.target.value])}>
                <option value="">Choose…</option>
                {(slashes.data?.items ?? []).map((s) => (
                  <option key={s.id.toString()} value={s.id.toString()}>
                    #{s.id.toString()} · agent {s.agentId.toString()}
                  </option>
                ))}
              </select>
            </label>
          )}
          {!isCancel &&
            !isVeto &&
            chosen?.fn.inputs.map((input, i) => (
              <label key={i}>
                {input.name || `argument ${i + 1}`} <span className="muted">({input.type})</span>
                <input type="text" value={args[i] ?? ''} onChange={(e) => setArgs(Object.assign([...args], { [i]: e.target.value }))} />
              </label>
            ))}
          <label className="narrow">
            Valid for (hours)
            <input type="number" min="1" value={hours} onChange={(e) => setHours(e.target.value)} />
          </label>
        </div>
        <div className="row">
          <button type="button" className="button primary" onClick={prepare} disabled={!chosen}>
            Prepare for approval
          </button>
        </div>
        {error !== undefined && <ErrorNote error={error} />}
        <details>
          <summary className="muted small">Import an action prepared in another browser</summary>
          <textarea rows={3} className="mono small" value={imported} onChange={(e) => setImported(e.target.value)} />
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              try {
                setDraft(JSON.parse(imported) as Draft);
              } catch {
                setError(new Error('Not an action shared from this page.'));
              }
            }}
          >
            Import
          </button>
        </details>
      </div>
    </Card>
  );
}
