/**
 * Where a consumer keeps its channels and cumulative ledger, and a provider the newest voucher of each channel.
 * `set` must be durable when it resolves: a provider answers a call only after its voucher is stored.
 * `memoryStore` keeps nothing across restarts; `@conclave/x402` has a file store that survives a crash.
 */
export type ChannelStore = {
  /** The value stored under `key`, if any. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key`; durable when it resolves. */
  set(key: string, value: string): Promise<void>;
  /** Every key and value stored. */
  entries(): Promise<[string, string][]>;
};

/** A store in memory (tests, short-lived agents). */
export function memoryStore(): ChannelStore {
  const map = new Map<string, string>();
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => {
      map.set(key, value);
    },
    entries: async () => [...map.entries()],
  };
}

/** @internal JSON with bigints as decimal strings tagged `n`. */
export const encodeJson = (value: unknown) =>
  JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));

/** @internal */
export const decodeJson = <T>(text: string): T =>
  JSON.parse(text, (_, v) => (typeof v === 'string' && /^\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v)) as T;

/** @internal One holder at a time per key; `acquire` resolves to the release function. */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();

  async acquire(key: string): Promise<() => void> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    this.#tails.set(key, tail);
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    };
  }
}
