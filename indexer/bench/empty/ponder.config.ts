// The benchmark's baseline: the indexer's own configuration (contracts, addresses, block interval, database) with
// empty handlers, so that the benchmark can state the handlers' cost as a ratio of backfill speeds.
export { default } from '../../ponder.config';
