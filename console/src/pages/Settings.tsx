import { useState } from 'react';
import { type ConsoleConfig, parseDeployment, saveSettings, savedSettings } from '../config';
import { protocolContracts } from '../contracts';
import { addressesFromDeployment } from '@conclave/sdk';
import { Card, PageHeader, Table } from '../ui';

/** Checks that the RPC serves the deployment's chain and that the indexer answers, then saves and reloads. */
async function check(rpcUrl: string, indexerUrl: string, deploymentText: string) {
  const deployment = parseDeployment(deploymentText);
  const chainId = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
  })
    .then((r) => r.json() as Promise<{ result?: string }>)
    .then((body) => Number(body.result))
    .catch(() => {
      throw new Error(`The RPC at ${rpcUrl} does not answer.`);
    });
  if (chainId !== deployment.chainId) throw new Error(`The RPC serves chain ${chainId}, the deployment is on chain ${deployment.chainId}.`);
  const status = await fetch(`${indexerUrl.replace(/\/+$/, '')}/status`).catch(() => null);
  if (!status?.ok) throw new Error(`The indexer at ${indexerUrl} does not answer (${indexerUrl}/status).`);
}

export function SettingsForm({ error: initialError }: { error?: string }) {
  const saved = savedSettings();
  const [rpcUrl, setRpcUrl] = useState(saved?.rpcUrl ?? '');
  const [indexerUrl, setIndexerUrl] = useState(saved?.indexerUrl ?? '');
  const [deployment, setDeployment] = useState(saved?.deployment ?? '');
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await check(rpcUrl.trim(), indexerUrl.trim(), deployment);
      saveSettings({ rpcUrl: rpcUrl.trim(), indexerUrl: indexerUrl.trim(), deployment });
      window.location.assign('/');
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <Card title="Connect to a deployment">
      <div className="form wide">
        <label>
          RPC URL
          <input type="url" value={rpcUrl} onChange={(e) => setRpcUrl(e.target.value)} placeholder="https://…" />
        </label>
        <label>
          Indexer URL <span className="muted">(the Ponder indexer's base URL; GraphQL at /graphql)</span>
          <input type="url" value={indexerUrl} onChange={(e) => setIndexerUrl(e.target.value)} placeholder="https://indexer.example/" />
        </label>
        <label>
          Deployment file <span className="muted">(the content of deployments/&lt;chainId&gt;.json)</span>
          <textarea rows={8} className="mono" value={deployment} onChange={(e) => setDeployment(e.target.value)} placeholder='{"chainId": 8453, "startBlock": …, "contracts": {…}}' />
        </label>
        {error && (
          <div className="error-note" role="alert">
            <strong>{error}</strong>
          </div>
        )}
        <div className="row">
          <button type="button" className="button primary" onClick={save} disabled={busy || !rpcUrl || !indexerUrl || !deployment}>
            {busy ? 'Checking…' : 'Check and use'}
          </button>
          {saved && (
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                saveSettings(null);
                window.location.assign('/');
              }}
            >
              Forget these settings
            </button>
          )}
        </div>
        <p className="note">Saved in this browser only. A browser wallet (an injected one such as MetaMask) signs on this chain.</p>
      </div>
    </Card>
  );
}

export function Settings({ config }: { config: ConsoleConfig }) {
  const contracts = protocolContracts(addressesFromDeployment(config.deployment));
  const source = { devnet: 'the devnet that npm run dev started', settings: 'the settings saved in this browser', build: 'the build’s VITE_CONCLAVE_* variables' }[config.source];
  return (
    <>
      <PageHeader title="Settings" subtitle={`Connected to chain ${config.chainId} by ${source}.`} />
      <div className="grid two">
        <Card title="This deployment">
          <dl className="facts">
            <dt>RPC</dt>
            <dd className="mono">{config.rpcUrl}</dd>
            <dt>Indexer</dt>
            <dd className="mono">{config.indexerUrl}</dd>
            <dt>Start block</dt>
            <dd>{config.deployment.startBlock}</dd>
          </dl>
          <Table head={['Contract', 'Address']}>
            {contracts.map((c) => (
              <tr key={c.key}>
                <td>{c.name}</td>
                <td className="mono small">{c.address}</td>
              </tr>
            ))}
          </Table>
        </Card>
        <SettingsForm />
      </div>
    </>
  );
}
