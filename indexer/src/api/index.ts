import { Hono } from 'hono';
import { client, graphql } from 'ponder';
import { db } from 'ponder:api';
import schema from 'ponder:schema';

// GraphQL at / and /graphql; SQL over HTTP (@ponder/client) at /sql/*. Ponder serves /health, /ready, /status.
const app = new Hono();
app.use('/sql/*', client({ db, schema }));
app.use('/', graphql({ db, schema }));
app.use('/graphql', graphql({ db, schema }));

export default app;
