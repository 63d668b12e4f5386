import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, createContext, useContext, useEffect } from 'react';
import { useBlock } from 'wagmi';
import { INDEXER, useConclave } from './conclave';

type Live = {
  /** The chain's newest block number and timestamp (undefined until the first answer). */
  head: bigint | undefined;
  /** Chain time: the newest block's timestamp. Countdowns use it, since a devnet's clock runs ahead of the wall's. */
  now: bigint | undefined;
  /** The newest block the indexer has indexed, and whether it answers at all. */
  indexed: number | undefined;
  indexerDown: boolean;
};

const LiveContext = createContext<Live>({ head: undefined, now: undefined, indexed: undefined, indexerDown: false });

/**
 * Follows the chain: on every new block the chain reads are refreshed, and the indexer's progress is polled until it
 * has indexed that block, whereupon every indexer query is refreshed. Nothing needs a reload.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { indexer } = useConclave();
  const { data: block } = useBlock({ watch: true });
  const head = block?.number;

  const status = useQuery({
    queryKey: ['indexer-status'],
    queryFn: () => indexer.status(),
    // Quickly while the indexer is behind the chain's head, slowly once it has caught up (a new block wakes it).
    refetchInterval: (query) => {
      const indexed = query.state.data?.block?.number;
      return head !== undefined && (indexed === undefined || BigInt(indexed) < head) ? 250 : 15_000;
    },
    retry: false,
  });
  const indexed = status.data?.block?.number;

  useEffect(() => {
    if (head === undefined) return;
    void queryClient.invalidateQueries({
      predicate: (query) => !['indexer-status', INDEXER, 'block'].includes(String(query.queryKey[0])),
    });
    void queryClient.invalidateQueries({ queryKey: ['indexer-status'] });
  }, [head, queryClient]);

  useEffect(() => {
    if (indexed !== undefined) void queryClient.invalidateQueries({ queryKey: [INDEXER] });
  }, [indexed, queryClient]);

  return (
    <LiveContext.Provider value={{ head, now: block?.timestamp, indexed, indexerDown: status.isError }}>{children}</LiveContext.Provider>
  );
}

export const useLive = () => useContext(LiveContext);
