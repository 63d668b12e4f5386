import { Hono } from 'hono';
import { client, graphql } from 'ponder';
import { db } from 'ponder:api';
import schema from 'ponder:schema';
import { blockCache } from './blockCache';
import { positionReader } from './position';

// GraphQL at / and /graphql; SQL over HTTP (@ponder/client) at /sql/*. Ponder serves /health, /ready, /status.
const app = new Hono();

// GraphQL answers are cached per indexed block (src/api/blockCache.ts, src/api/position.ts).
const cache = blockCache({ readPosition: positionReader(db) });

app.use('/sql/*', client({ db, schema }));
// `@ponder/client` sends its queries below /sql (/sql/db, /sql/live); /sql itself says how to use it.
app.get('/sql', (c) =>
  c.json({
    endpoint: 'SQL over HTTP for @ponder/client',
    usage: `createClient('${new URL('/sql', c.req.url).href}', { schema }), with schema from @conclave/indexer/schema (indexer/ponder.schema.ts)`,
    docs: 'https://ponder.sh/docs/query/sql-over-http',
  }),
);
app.use('/', cache, graphql({ db, schema }));
app.use('/graphql', cache, graphql({ db, schema }));

export default app;
