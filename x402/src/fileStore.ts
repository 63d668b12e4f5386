import { closeSync, existsSync, fdatasync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChannelStore } from '@conclave/sdk';

/**
 * A `ChannelStore` in one append-only file, for a provider's vouchers or a consumer's ledger. `set` writes its line
 * to the file before it resolves, so a process killed (even with SIGKILL) right after loses nothing; with `fsync`
 * (the default) it also waits for the data to reach the disk, so a power cut loses nothing either. Writes arriving
 * together share one fsync. On open the file is compacted to the newest value per key; a line cut short by a crash
 * mid-write (never acknowledged) is dropped. One process per file.
 */
export function fileStore(path: string, options: { fsync?: boolean } = {}): ChannelStore & { close(): void } {
  const durable = options.fsync ?? true;
  const values = new Map<string, string>();
  if (existsSync(path)) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        const { k, v } = JSON.parse(line) as { k: string; v: string };
        values.set(k, v);
      } catch {
        // The tail of a write cut short by a crash: it was never acknowledged.
      }
    }
  }
  const compacted = `${path}.compact`;
  const out = openSync(compacted, 'w');
  writeSync(out, [...values].map(([k, v]) => `${JSON.stringify({ k, v })}\n`).join(''));
  fsyncSync(out);
  closeSync(out);
  renameSync(compacted, path);
  syncDirectory(dirname(path));
  const fd = openSync(path, 'a');

  let flush: Promise<void> | undefined;
  const synced = () => {
    flush ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        flush = undefined;
        fdatasync(fd, (error) => (error ? reject(error) : resolve()));
      });
    });
    return flush;
  };

  return {
    get: async (key) => values.get(key),
    set: async (key, value) => {
      writeSync(fd, `${JSON.stringify({ k: key, v: value })}\n`);
      values.set(key, value);
      if (durable) await synced();
    },
    entries: async () => [...values],
    close: () => closeSync(fd),
  };
}

function syncDirectory(directory: string) {
  try {
    const fd = openSync(directory, 'r');
    fsyncSync(fd);
    closeSync(fd);
  } catch {
    // Not every platform can fsync a directory.
  }
}
