import { getAddress, zeroAddress } from 'viem';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { type IndexerWhere, createIndexerClient, toRow } from './createIndexerClient.js';

/** A fetch that records the GraphQL request and answers `data`. */
function recording(data: unknown) {
  const requests: { query: string; variables: Record<string, unknown> }[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    requests.push(JSON.parse(String(init.body)));
    return new Response(JSON.stringify({ data }), { status: 200 });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

const owner = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';

describe('typed indexer client', () => {
  test('where and orderBy are typed from the indexer schema', () => {
    const client = createIndexerClient({ url: 'http://indexer.invalid' });
    expectTypeOf<IndexerWhere<'agent'>>().toHaveProperty('stake_gte').toEqualTypeOf<bigint | undefined>();
    expectTypeOf<IndexerWhere<'agent'>>().toHaveProperty('tier').toEqualTypeOf<'None' | 'Utility' | 'Specialized' | 'CSuite' | undefined>();
    expectTypeOf<IndexerWhere<'agent'>>().toHaveProperty('operator').toEqualTypeOf<`0x${string}` | null | undefined>();
    const compileOnly = () => {
      // @ts-expect-error a misspelt column
      void client.agents({ where: { tierr: 'CSuite' } });
      // @ts-expect-error a misspelt order column
      void client.agents({ orderBy: 'stakee' });
      // @ts-expect-error a tier that does not exist
      void client.agents({ where: { tier: 'CSuit' } });
      // @ts-expect-error amounts are bigint
      void client.agents({ where: { stake_gt: 5 } });
      // @ts-expect-error text columns have no numeric operators
      void client.agents({ where: { agentURI_gt: 'a' } });
      void client.list('tool', { where: { OR: [{ pricePerCall_lte: 10n }, { status: 'Paused' }] }, orderBy: 'pricePerCall' });
    };
    expect(compileOnly).toBeTypeOf('function');
  });

  test('filters are sent as the indexer stores values: bigints as strings, hex lowercase', async () => {
    const { fetch, requests } = recording({ agents: { items: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } } });
    const client = createIndexerClient({ url: 'http://indexer.invalid/', fetch });
    await client.agents({
      where: { owner: getAddress(owner), stake_gte: 10n ** 22n, OR: [{ id_in: [1n, 2n] }, { operator: null }] },
      orderBy: 'stake',
      orderDirection: 'desc',
    });
    expect(requests[0]!.variables).toEqual({
      where: { owner, stake_gte: '10000000000000000000000', OR: [{ id_in: ['1', '2'] }, { operator: null }] },
      limit: 50,
      orderBy: 'stake',
      orderDirection: 'desc',
    });
    expect(requests[0]!.query).toContain('agents(where: $where, limit: $limit, orderBy: $orderBy, orderDirection: $orderDirection)');
  });

  test("rows follow the SDK's conventions: checksummed addresses, the zero address for an unset operator", () => {
    const row = toRow('agent', {
      id: '4',
      owner,
      operator: null,
      wallet: null,
      stake: '10000000000000000000000',
      participation: null,
      active: true,
      tasks: 12,
    });
    expect(row).toEqual({
      id: 4n,
      owner: getAddress(owner),
      operator: zeroAddress,
      wallet: zeroAddress,
      stake: 10n ** 22n,
      participation: null,
      active: true,
      tasks: 12,
    });
    const vote = toRow('auditEvent', { transactionHash: `0x${'ab'.repeat(32)}`, proposalId: null });
    expect(vote).toEqual({ transactionHash: `0x${'ab'.repeat(32)}`, proposalId: null });
  });

  test('a refused query says why', async () => {
    const fetch = (async () =>
      new Response(JSON.stringify({ errors: [{ message: 'Unknown column "stakee" used in orderBy argument' }] }), {
        status: 200,
      })) as unknown as typeof globalThis.fetch;
    const client = createIndexerClient({ url: 'http://indexer.invalid', fetch });
    await expect(client.agents({ orderBy: 'stake' })).rejects.toThrow(
      'The indexer refused the query: Unknown column "stakee" used in orderBy argument',
    );
  });
});
