import { onchainTable } from 'ponder';

// Ponder needs a schema; the baseline writes nothing.
export const nothing = onchainTable('nothing', (t) => ({ id: t.text().primaryKey() }));
