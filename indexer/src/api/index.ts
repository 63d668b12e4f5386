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
app.use('/', cache, graphql({ db, schema }));
app.use('/graphql', cache, graphql({ db, schema }));

export default app;
