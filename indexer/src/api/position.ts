import pg from 'pg';
import { sql } from 'ponder';
import type { db as ponderDb } from 'ponder:api';

type Checkpoint = { chain_id: string; latest_checkpoint: string };
const encode = (rows: Checkpoint[]) => rows.map((r) => `${r.chain_id}:${r.latest_checkpoint}`).join(',');

/**
 * Reads the indexed position: Ponder's `_ponder_checkpoint`, committed in the same transaction as each block's rows,
 * whether this process indexes or only serves (`ponder serve`).
 *
 * On PostgreSQL it reads over one connection of its own, so that it never waits in the read pool behind the queries
 * it is meant to spare; on PGlite (in process, one query at a time anyway) through Ponder's read-only database.
 */
export function positionReader(db: typeof ponderDb, databaseUrl = process.env.DATABASE_URL): () => Promise<string> {
  const viaPonder = async () => {
    const { rows } = await db.execute<Checkpoint>(sql`SELECT chain_id, latest_checkpoint FROM _ponder_checkpoint ORDER BY chain_id`);
    return encode(rows as Checkpoint[]);
  };
  if (!databaseUrl) return viaPonder;

  let connection: Promise<{ client: pg.Client; text: string }> | undefined;
  const connect = async () => {
    // The schema Ponder serves: its read-only connections have it as their search path.
    const { rows } = await db.execute<{ schema: string }>(sql`SELECT current_schema() AS schema`);
    const schema = (rows as { schema: string }[])[0]!.schema;
    const client = new pg.Client({ connectionString: databaseUrl, options: '-c default_transaction_read_only=on' });
    client.on('error', () => (connection = undefined));
    await client.connect();
    const table = `${client.escapeIdentifier(schema)}._ponder_checkpoint`;
    return { client, text: `SELECT chain_id, latest_checkpoint FROM ${table} ORDER BY chain_id` };
  };
  return async () => {
    connection ??= connect();
    try {
      const { client, text } = await connection;
      return encode((await client.query<Checkpoint>(text)).rows);
    } catch (error) {
      // Reconnect on the next read; this one fails (the request gets an error, never a stale answer).
      const failed = connection;
      connection = undefined;
      failed?.then(({ client }) => client.end()).catch(() => undefined);
      throw error;
    }
  };
}
