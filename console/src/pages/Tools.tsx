import type { IndexerRow } from '@conclave/sdk';
import { Link, useParams } from 'react-router';
import { useConclave, useIndexerAll, useIndexerList, useIndexerRow } from '../conclave';
import { cncl, int, parseId, relative, short } from '../format';
import { useLive } from '../live';
import { Address, AgentLink, Badge, Card, Empty, ErrorNote, Loading, PageHeader, Stat, Table } from '../ui';

/** A tool's name: as the devnet names it, else the last segment of its endpoint's path, else its id. */
export function toolName(tool: IndexerRow<'tool'>, names: Record<string, string>): string {
  const named = names[tool.id.toString()];
  if (named) return named;
  try {
    const segment = new URL(tool.endpoint).pathname.split('/').filter(Boolean).pop();
    if (segment) return segment;
  } catch {
    // not a URL: fall through
  }
  return `Tool ${tool.id}`;
}

export function Tools() {
  const { config } = useConclave();
  const { now } = useLive();
  const tools = useIndexerList('tool', { orderBy: 'id', limit: 100 });
  const revenue = useIndexerAll('providerRevenue');
  const revenueOf = (agentId: bigint) => (revenue.data ?? []).filter((r) => r.providerAgentId === agentId);

  return (
    <>
      <PageHeader title="Tools" subtitle="Tool calls agents sell to each other, paid per call with vouchers on fee-escrow channels (2.5 % protocol fee)." />
      <Card>
        {tools.error ? (
          <ErrorNote error={tools.error} />
        ) : !tools.data ? (
          <Loading />
        ) : (
          <Table head={['Tool', 'Provider', 'Price per call', 'Status', 'Provider revenue (net)', 'Redemptions', 'Listed']} empty="No tool listed yet." testId="tools">
            {tools.data.items.map((t) => {
              const r = revenueOf(t.providerAgentId);
              const net = r.reduce((sum, x) => sum + x.net, 0n);
              return (
                <tr key={t.id.toString()}>
                  <td>
                    <strong>{toolName(t, config.toolNames)}</strong>
                    <div className="small muted mono ellipsis" title={t.endpoint}>
                      {t.endpoint}
                    </div>
                  </td>
                  <td>
                    <Link to={`/providers/${t.providerAgentId}`}>Agent {t.providerAgentId.toString()}</Link>
                  </td>
                  <td className="num">{cncl(t.pricePerCall)}</td>
                  <td>
                    <Badge>{t.status}</Badge>
                  </td>
                  <td className="num">{cncl(net)}</td>
                  <td className="num">{int(r.reduce((sum, x) => sum + x.redemptions, 0))}</td>
                  <td className="muted nowrap">{relative(t.listedAt, now)}</td>
                </tr>
              );
            })}
          </Table>
        )}
        <p className="note">Revenue is counted per provider (a redemption settles a channel, not one tool): gross paid by consumers, less the protocol fee.</p>
      </Card>
    </>
  );
}

export function Provider() {
  const { config } = useConclave();
  const { now } = useLive();
  const param = useParams().id;
  const id = parseId(param) ?? 0n;
  const agent = useIndexerRow('agent', parseId(param));
  const tools = useIndexerList('tool', { where: { providerAgentId: id }, orderBy: 'id' });
  const revenue = useIndexerList('providerRevenue', { where: { providerAgentId: id } });
  const channels = useIndexerList('channel', { where: { providerAgentId: id }, orderBy: 'openedAt', orderDirection: 'desc', limit: 20 });
  const redemptions = useIndexerList('redemption', { where: { providerAgentId: id }, orderBy: 'id', orderDirection: 'desc', limit: 20 });
  const ratings = useIndexerList('rating', { where: { agentId: id }, orderBy: 'timestamp', orderDirection: 'desc', limit: 20 });

  if (agent.isLoading) return <Loading />;
  if (!agent.data) return <Empty>No agent {param} in the indexer.</Empty>;
  const totals = (revenue.data?.items ?? []).reduce(
    (t, r) => ({ gross: t.gross + r.gross, fees: t.fees + r.fees, net: t.net + r.net, redemptions: t.redemptions + r.redemptions }),
    { gross: 0n, fees: 0n, net: 0n, redemptions: 0 },
  );

  return (
    <>
      <PageHeader
        title={
          <>
            Provider: agent {id.toString()} <span className="muted">· {agent.data.role}</span>
          </>
        }
        subtitle={<AgentLink id={id} role="agent page" />}
      />
      <div className="stats">
        <Stat label="Tools" value={int(tools.data?.items.length ?? 0)} />
        <Stat label="Paid by consumers" value={cncl(totals.gross)} hint={`${int(totals.redemptions)} redemptions`} />
        <Stat label="Protocol fees" value={cncl(totals.fees)} hint="to the treasury" />
        <Stat label="Net revenue" value={cncl(totals.net)} hint="to the agent's payout wallet" testId="provider-net" />
      </div>
      <Card title="Tools">
        <Table head={['Tool', 'Endpoint', 'Price per call', 'Status', 'Metadata']} empty="No tool listed.">
          {(tools.data?.items ?? []).map((t) => (
            <tr key={t.id.toString()}>
              <td>
                <strong>{toolName(t, config.toolNames)}</strong> <span className="muted">#{t.id.toString()}</span>
              </td>
              <td className="mono small">{t.endpoint}</td>
              <td className="num">{cncl(t.pricePerCall)}</td>
              <td>
                <Badge>{t.status}</Badge>
              </td>
              <td className="mono small" title={t.metadataURI}>
                {short(t.metadataURI, 14, 6)}
              </td>
            </tr>
          ))}
        </Table>
      </Card>
      <div className="grid two">
        <Card title="Channels">
          <Table head={['Consumer', 'Deposit', 'Paid', 'Status']} empty="No consumer has opened a channel.">
            {(channels.data?.items ?? []).map((c) => (
              <tr key={c.id}>
                <td>
                  <Address value={c.consumer} />
                </td>
                <td className="num">{cncl(c.deposit)}</td>
                <td className="num">{cncl(c.paid)}</td>
                <td>
                  <Badge>{c.status}</Badge>
                </td>
              </tr>
            ))}
          </Table>
        </Card>
        <Card title="Redemptions">
          <Table head={['Amount', 'Fee', 'Consumer', 'When']} empty="Nothing redeemed yet.">
            {(redemptions.data?.items ?? []).map((r) => (
              <tr key={r.id}>
                <td className="num">{cncl(r.amount)}</td>
                <td className="num">{cncl(r.fee)}</td>
                <td>
                  <Address value={r.consumer} />
                </td>
                <td className="muted nowrap">{relative(r.timestamp, now)}</td>
              </tr>
            ))}
          </Table>
        </Card>
      </div>
      <Card title="Ratings from paying consumers">
        <Table head={['Consumer', 'Rating', 'Backed by', 'Tag', 'When']} empty="No rating yet.">
          {(ratings.data?.items ?? []).map((r) => (
            <tr key={r.id}>
              <td>
                <Address value={r.client} />
              </td>
              <td className="num">{r.valueDecimals === 0 ? r.value.toString() : (Number(r.value) / 10 ** r.valueDecimals).toString()}</td>
              <td className="num">{cncl(r.weight)} paid</td>
              <td>{r.tag1 || <span className="muted">–</span>}</td>
              <td className="muted nowrap">{relative(r.timestamp, now)}</td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
