import { type Category, type ProposalAction, categories, propose } from '@conclave/sdk';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { type AbiFunction, encodeFunctionData, toFunctionSignature } from 'viem';
import { useConnection } from 'wagmi';
import { parseArg, protocolContracts, writableFunctions } from '../contracts';
import { useConclave } from '../conclave';
import { words } from '../format';
import { ActionButton, Card, PageHeader, useTransaction } from '../ui';

type Draft = { contract: string; fn: string; args: string[] };

export function Propose() {
  const { addresses } = useConclave();
  const { address } = useConnection();
  const navigate = useNavigate();
  const contracts = protocolContracts(addresses);
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<Category>('EconomicParameter');
  const [expedited, setExpedited] = useState(false);
  const [drafts, setDrafts] = useState<Draft[]>([{ contract: 'vault', fn: '', args: [] }]);

  const fnOf = (d: Draft): AbiFunction | undefined => {
    const c = contracts.find((x) => x.key === d.contract);
    return c ? writableFunctions(c.abi).find((f) => toFunctionSignature(f) === d.fn) : undefined;
  };
  const build = (): ProposalAction[] =>
    drafts.map((d) => {
      const c = contracts.find((x) => x.key === d.contract)!;
      const fn = fnOf(d);
      if (!fn) throw new Error('Choose a function for every action.');
      const args = fn.inputs.map((input, i) => parseArg(input, d.args[i] ?? ''));
      return { target: c.address, value: 0n, data: encodeFunctionData({ abi: [fn], functionName: fn.name, args }) };
    });
  const submit = useTransaction(async (client, a) => {
    const result = await propose(client, { addresses: a, actions: build(), description, category, expedited });
    navigate(`/proposals/${result.proposalId}`);
    return result;
  });
  const update = (i: number, patch: Partial<Draft>) => setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  return (
    <>
      <PageHeader title="New proposal" subtitle="A typed proposal: its category sets the quorum and whether the CLO must review it. Needs 1,000 CNCL of votes." />
      <Card>
        <div className="form wide">
          <label>
            Description
            <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} placeholder="What the proposal does and why" />
          </label>
          <div className="row">
            <label>
              Category
              <select value={category} onChange={(e) => setCategory(e.target.value as Category)}>
                {categories.map((c) => (
                  <option key={c} value={c}>
                    {words(c)}
                  </option>
                ))}
              </select>
            </label>
            <label className="check">
              <input type="checkbox" checked={expedited} onChange={(e) => setExpedited(e.target.checked)} /> Expedited (3 days, two thirds, 10 % quorum; falls back to standard)
            </label>
          </div>
          {drafts.map((d, i) => {
            const c = contracts.find((x) => x.key === d.contract)!;
            const fn = fnOf(d);
            return (
              <fieldset key={i}>
                <legend>Action {i + 1}</legend>
                <div className="row">
                  <label>
                    Contract
                    <select value={d.contract} onChange={(e) => update(i, { contract: e.target.value, fn: '', args: [] })}>
                      {contracts.map((x) => (
                        <option key={x.key} value={x.key}>
                          {x.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    Function
                    <select value={d.fn} onChange={(e) => update(i, { fn: e.target.value, args: [] })}>
                      <option value="">Choose…</option>
                      {writableFunctions(c.abi).map((f) => (
                        <option key={toFunctionSignature(f)} value={toFunctionSignature(f)}>
                          {toFunctionSignature(f)}
                        </option>
                      ))}
                    </select>
                  </label>
                  {drafts.length > 1 && (
                    <button type="button" className="button secondary" onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
                      Remove
                    </button>
                  )}
                </div>
                {fn?.inputs.map((input, k) => (
                  <label key={k}>
                    {input.name || `argument ${k + 1}`} <span className="muted">({input.type})</span>
                    <input
                      type="text"
                      value={d.args[k] ?? ''}
                      onChange={(e) => update(i, { args: Object.assign([...d.args], { [k]: e.target.value }) })}
                      placeholder={/int/.test(input.type) ? 'integer, in base units (wei for amounts)' : input.type}
                    />
                  </label>
                ))}
              </fieldset>
            );
          })}
          <div className="row">
            <button type="button" className="button secondary" onClick={() => setDrafts([...drafts, { contract: 'vault', fn: '', args: [] }])}>
              Add an action
            </button>
            <ActionButton label="Propose" action={submit} disabled={!address || description.trim() === ''} />
          </div>
          {!address && <p className="note">Connect a wallet with at least 1,000 CNCL of votes to propose.</p>}
        </div>
      </Card>
    </>
  );
}
