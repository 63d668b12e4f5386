import { feeEscrowAbi, guardianMultisigAbi, stakingVaultAbi } from '@conclave/sdk';
import { useReadContracts } from 'wagmi';
import { contractAt, describeCall, selectorName } from '../contracts';
import { useConclave, useIndexerAll } from '../conclave';
import { int, relative, utc } from '../format';
import { useLive } from '../live';
import { GuardianAction } from './GuardianAction';
import { Address, Badge, Card, ErrorNote, Loading, PageHeader, Stat, Table } from '../ui';

export function Guardian() {
  const { addresses, config } = useConclave();
  const { now } = useLive();
  const multisig = useReadContracts({
    contracts: [
      { address: addresses.guardian, abi: guardianMultisigAbi, functionName: 'owners' },
      { address: addresses.guardian, abi: guardianMultisigAbi, functionName: 'threshold' },
      { address: addresses.guardian, abi: guardianMultisigAbi, functionName: 'nonce' },
    ],
    allowFailure: false,
  });
  const pausable = [
    ['Staking vault', addresses.vault, stakingVaultAbi],
    ['Fee escrow', addresses.escrow, feeEscrowAbi],
  ] as const;
  const pauses = useReadContracts({
    contracts: pausable.flatMap(([, address, abi]) => [
      { address, abi, functionName: 'paused' } as const,
      { address, abi, functionName: 'pausedUntil' } as const,
    ]),
  });
  const actions = useIndexerAll('guardianAction', { orderBy: 'id', orderDirection: 'desc' });
  const [owners, threshold, nonce] = multisig.data ?? [];
  const label = (address: string) => config.devAccounts.find((a) => a.address.toLowerCase() === address.toLowerCase());

  // The allow-list as the events left it: the latest CallAllowed / CallDisallowed per (target, selector).
  const allowed = new Map<string, { target: string; selector: string; allowed: boolean }>();
  for (const a of [...(actions.data ?? [])].reverse()) {
    if ((a.kind === 'CallAllowed' || a.kind === 'CallDisallowed') && a.target && a.selector) {
      allowed.set(`${a.target}:${a.selector}`, { target: a.target, selector: a.selector, allowed: a.kind === 'CallAllowed' });
    }
  }
  const executed = (actions.data ?? []).filter((a) => a.kind === 'Executed');

  return (
    <>
      <PageHeader
        title="Guardian"
        subtitle="The emergency multisig: it can pause, unpause, cancel proposals and veto slashes, only through allow-listed calls, and can never move funds."
      />
      <div className="stats">
        <Stat label="Approvals needed" value={threshold !== undefined && owners ? `${threshold} of ${owners.length}` : '…'} hint="EIP-712 approvals, each with an expiry" />
        <Stat label="Actions executed" value={int(executed.length)} hint={nonce !== undefined ? `next nonce ${nonce}` : undefined} />
        <Stat label="Allow-listed calls" value={int([...allowed.values()].filter((c) => c.allowed).length)} />
      </div>
      <Card title="Executed actions">
        <Table head={['Call', 'Contract', 'Approved by', 'When']} empty="The guardian has not acted." testId="guardian-actions">
          {executed.map((a) => (
            <tr key={a.id}>
              <td className="mono">{a.target && a.data ? describeCall(addresses, a.target, a.data).call : selectorName(addresses, a.target, a.selector)}</td>
              <td>{a.target ? (contractAt(addresses, a.target)?.name ?? <Address value={a.target} />) : '–'}</td>
              <td>
                {((a.signers as string[] | null) ?? []).map((s) => (
                  <span key={s} className="chip">
                    {label(s) ? `account ${label(s)!.index}` : <Address value={s} />}
                  </span>
                ))}
              </td>
              <td className="muted nowrap">{relative(a.timestamp, now)}</td>
            </tr>
          ))}
        </Table>
      </Card>
      {owners && threshold !== undefined && nonce !== undefined && (
        <GuardianAction allowed={[...allowed.values()].filter((c) => c.allowed)} owners={owners} threshold={threshold} nonce={nonce} />
      )}
      <div className="grid two">
        <Card title="Owners">
          {multisig.error ? (
            <ErrorNote error={multisig.error} />
          ) : !owners ? (
            <Loading />
          ) : (
            <Table head={['Owner', 'Dev wallet']} testId="guardian-owners">
              {owners.map((o) => (
                <tr key={o}>
                  <td className="mono">{o}</td>
                  <td className="muted">{label(o) ? `account ${label(o)!.index}` : '–'}</td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <Card title="Pauses">
          <Table head={['Contract', 'State', 'Until']}>
            {pausable.map(([name], i) => {
              const paused = pauses.data?.[i * 2]?.result as boolean | undefined;
              const until = pauses.data?.[i * 2 + 1]?.result as bigint | undefined;
              return (
                <tr key={name}>
                  <td>{name}</td>
                  <td>{paused === undefined ? '…' : <Badge tone={paused ? 'amber' : 'green'}>{paused ? 'Paused' : 'Running'}</Badge>}</td>
                  <td className="muted">{paused && until ? `${utc(until)} (${relative(until, now)})` : '–'}</td>
                </tr>
              );
            })}
          </Table>
          <p className="note">A pause expires by itself unless governance extends it; unstaking and withdrawals work while paused.</p>
        </Card>
      </div>
      <Card title="Allow-listed emergency calls">
        <Table head={['Contract', 'Function', 'Allowed']}>
          {[...allowed.values()].map((c) => (
            <tr key={`${c.target}:${c.selector}`}>
              <td>{contractAt(addresses, c.target)?.name ?? <Address value={c.target} />}</td>
              <td className="mono">{selectorName(addresses, c.target, c.selector)}</td>
              <td>
                <Badge tone={c.allowed ? 'green' : 'grey'}>{c.allowed ? 'Allowed' : 'Removed'}</Badge>
              </td>
            </tr>
          ))}
        </Table>
      </Card>
      <Card title="Membership changes">
        <Table head={['Change', 'Subject', 'When']}>
          {(actions.data ?? [])
            .filter((a) => ['OwnerAdded', 'OwnerRemoved', 'ThresholdChanged'].includes(a.kind))
            .map((a) => (
              <tr key={a.id}>
                <td>{a.kind === 'OwnerAdded' ? 'Owner added' : a.kind === 'OwnerRemoved' ? 'Owner removed' : 'Threshold changed'}</td>
                <td>{a.kind === 'ThresholdChanged' ? `${a.value} approvals` : <Address value={a.subject} />}</td>
                <td className="muted nowrap">{relative(a.timestamp, now)}</td>
              </tr>
            ))}
        </Table>
      </Card>
    </>
  );
}
