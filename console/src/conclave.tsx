import {
  type ConclaveAddresses,
  type ConclaveIndexerClient,
  type IndexerRow,
  type IndexerTable,
  type PageParameters,
  addressesFromDeployment,
  createIndexerClient,
} from '@conclave/sdk';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, createContext, useContext, useMemo } from 'react';
import type { ConsoleConfig } from './config';

type Conclave = { config: ConsoleConfig; addresses: ConclaveAddresses; indexer: ConclaveIndexerClient };

const ConclaveContext = createContext<Conclave | null>(null);

export function ConclaveProvider({ config, children }: { config: ConsoleConfig; children: ReactNode }) {
  const value = useMemo(
    () => ({ config, addresses: addressesFromDeployment(config.deployment), indexer: createIndexerClient({ url: config.indexerUrl }) }),
    [config],
  );
  return <ConclaveContext.Provider value={value}>{children}</ConclaveContext.Provider>;
}

/** The configuration, the deployment's addresses and the typed indexer client. */
export function useConclave(): Conclave {
  const value = useContext(ConclaveContext);
  if (!value) throw new Error('useConclave outside ConclaveProvider');
  return value;
}

/** Every indexer query's key starts with this: the live updater refreshes them when the indexer indexes a block. */
export const INDEXER = 'indexer';

/** A page of an indexer table's rows, typed from the indexer's schema; refreshed as the indexer follows the chain. */
export function useIndexerList<table extends IndexerTable>(table: table, parameters: PageParameters<table> = {}, enabled = true) {
  const { indexer } = useConclave();
  return useQuery({
    queryKey: [INDEXER, 'list', table, parameters],
    queryFn: () => indexer.list(table, parameters),
    enabled,
    placeholderData: (previous) => previous,
  });
}

/** Every row of a table that matches (pages of 1,000 followed), for the protocol-wide views. */
export function useIndexerAll<table extends IndexerTable>(table: table, parameters: Omit<PageParameters<table>, 'after' | 'limit'> = {}) {
  const { indexer } = useConclave();
  return useQuery({
    queryKey: [INDEXER, 'all', table, parameters],
    queryFn: async () => {
      const rows: IndexerRow<table>[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await indexer.list(table, { ...parameters, limit: 1000, after });
        rows.push(...page.items);
        if (!page.hasNextPage || !page.endCursor) return rows;
        after = page.endCursor;
      }
    },
    placeholderData: (previous) => previous,
  });
}

/** One row by id, or null. */
export function useIndexerRow<table extends IndexerTable>(
  table: table,
  id: (IndexerRow<table> extends { id: infer I } ? I : never) | undefined,
) {
  const { indexer } = useConclave();
  return useQuery({
    queryKey: [INDEXER, 'get', table, id],
    queryFn: () => indexer.get(table, id!),
    enabled: id !== undefined,
  });
}
