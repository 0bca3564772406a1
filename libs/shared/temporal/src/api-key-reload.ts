import { readFileSync } from 'node:fs';
import { readApiKey, ReadSecretFile } from './temporal-security';

export interface ApiKeyReloadOptions {
  /** The key file (TEMPORAL_API_KEY_FILE). */
  path: string;
  /** The key the connection was opened with. */
  initial: string;
  /** Seconds between reads (TEMPORAL_API_KEY_RELOAD_SECONDS). */
  everySeconds: number;
  /** Gives the connection the new key (Connection.setApiKey / NativeConnection.setApiKey). */
  apply: (key: string) => void | Promise<void>;
  /** Told when a key was taken, or when a read failed (the connection keeps its key); never given the key. */
  report: (event: { changed: true } | { error: string }) => void;
  read?: ReadSecretFile;
}

export interface ApiKeyReload {
  /** Reads the file now, and applies the key if it changed (what the timer does). */
  check(): Promise<void>;
  stop(): void;
}

/**
 * Keeps a connection's API key equal to its file's content, so that a key rotated in the secret (Kubernetes
 * updates a mounted secret in place, within about a minute) is used without a restart. The file is read every
 * `everySeconds` (polling, not fs.watch: a secret volume swaps a symlink, which watchers miss); an unreadable or
 * empty file during a rotation keeps the current key. The timer does not keep the process alive.
 */
export function reloadApiKey(o: ApiKeyReloadOptions): ApiKeyReload {
  const read = o.read ?? readFileSync;
  let current = o.initial;
  let busy = false;
  const check = async () => {
    if (busy) return;
    busy = true;
    try {
      const key = readApiKey(o.path, read);
      if (key === current) return;
      await o.apply(key);
      current = key;
      o.report({ changed: true });
    } catch (err) {
      o.report({ error: (err as Error).message });
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void check(), o.everySeconds * 1000);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
