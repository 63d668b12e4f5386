import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context, MiddlewareHandler } from 'hono';
import { LRUCache } from 'lru-cache';

/**
 * A response cache for GraphQL that never serves a stale answer.
 *
 * Every answer is keyed to the indexed position (Ponder's `_ponder_checkpoint`, one row per chain) that was read
 * before its query ran, and the whole cache is dropped as soon as a newer position is read. Before answering, each
 * request waits for a position read that started after it arrived: all requests that arrive during one read share
 * the next one, so the database sees one small read at a time however many clients there are, and an answer is
 * never older than the newest block indexed when its request arrived (the indexer commits a block's rows and its
 * checkpoint together). Identical requests that miss at the same time run one query between them.
 *
 * Only POST requests whose answer has no `errors` are cached (a timeout must not be remembered); the key is the body
 * and the `accept` header (which picks the response's content type).
 */
export type BlockCacheOptions = {
  /** Reads the indexed position: any string that changes whenever a block is indexed (or a reorg undoes one). */
  readPosition: () => Promise<string>;
  /** Most answers kept (per position). */
  maxEntries?: number;
  /** Most bytes of answers kept (per position). */
  maxBytes?: number;
  /** Bodies longer than this are not cached. */
  maxBodyBytes?: number;
};

type Answer = { body: string; contentType: string };

export function blockCache(options: BlockCacheOptions): MiddlewareHandler {
  const { readPosition, maxEntries = 5_000, maxBytes = 64 * 2 ** 20, maxBodyBytes = 16 * 1024 } = options;
  const answers = new LRUCache<string, Answer>({ max: maxEntries, maxSize: maxBytes, sizeCalculation: (a) => a.body.length + 1 });
  const running = new Map<string, Promise<Answer | undefined>>();
  let position: string | undefined;

  // Position reads: at most one in flight, and one queued behind it for everyone who arrived during it.
  let inFlight: Promise<string> | undefined;
  let queued: Promise<string> | undefined;
  const startRead = () => {
    const read = readPosition().finally(() => {
      if (inFlight === read) inFlight = undefined;
    });
    inFlight = read;
    return read;
  };
  const freshPosition = (): Promise<string> => {
    if (!inFlight) return startRead();
    queued ??= inFlight
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        queued = undefined;
        return startRead();
      });
    return queued;
  };

  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const body = await readBody(c);
    // The body has been read: the GraphQL handler gets a request it can read again.
    const handle = () => {
      c.req.raw = new Request(c.req.raw.url, { method: 'POST', headers: c.req.raw.headers, body });
      return next();
    };
    if (body.length > maxBodyBytes) return handle();

    const now = await freshPosition();
    if (now !== position) {
      answers.clear();
      running.clear();
      position = now;
    }
    const key = `${c.req.header('accept') ?? ''}\n${body}`;
    const hit = answers.get(key);
    if (hit) return answer(c, hit, 'HIT');

    let shared = running.get(key);
    if (shared) {
      const result = await shared;
      if (result) return answer(c, result, 'SHARED');
      // The leader's answer was not cacheable (an error): run our own.
      return handle();
    }

    let settle!: (a: Answer | undefined) => void;
    shared = new Promise((resolve) => (settle = resolve));
    running.set(key, shared);
    try {
      await handle();
      const res = c.res;
      const text = res.status === 200 && res.body ? await res.clone().text() : undefined;
      // `"errors"` appears unescaped only as a key: an alias named so is merely not cached.
      if (text === undefined || text.includes('"errors"')) {
        settle(undefined);
        return;
      }
      const result = { body: text, contentType: res.headers.get('content-type') ?? 'application/json' };
      // Keep it only if no newer position was seen meanwhile: it was computed at (or after) `now`.
      if (position === now) answers.set(key, result);
      settle(result);
      c.res = answer(c, result, 'MISS');
    } catch (error) {
      settle(undefined);
      throw error;
    } finally {
      if (running.get(key) === shared) running.delete(key);
    }
  };

}

/**
 * Sends a cached answer. Under Node it is written straight to the socket with the headers Ponder's server prepared
 * (CORS): Hono would otherwise copy the response into a stream-backed one because Ponder's CORS middleware touched
 * the response first, which costs more than everything else a cache hit does.
 */
function answer(c: Context, a: Answer, kind: 'HIT' | 'SHARED' | 'MISS') {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!outgoing || outgoing.headersSent || typeof outgoing.writeHead !== 'function') {
    return c.body(a.body, 200, { 'content-type': a.contentType, 'x-cache': kind });
  }
  const headers: Record<string, string> = {};
  c.res.headers.forEach((value, key) => (headers[key] = value));
  headers['content-type'] = a.contentType;
  headers['content-length'] = String(Buffer.byteLength(a.body));
  headers['x-cache'] = kind;
  outgoing.writeHead(200, headers);
  outgoing.end(a.body);
  return RESPONSE_ALREADY_SENT;
}

/**
 * The request body as text. Under Node (Ponder's server) it is read straight from the socket's message, which spares
 * building a WHATWG request and its stream for every request; elsewhere through Hono.
 */
async function readBody(c: Context): Promise<string> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.readableEnded || typeof incoming.read !== 'function') return c.req.text();
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
