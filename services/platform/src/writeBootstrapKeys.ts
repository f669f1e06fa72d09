import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IssuedKey } from '@touchline/access';

/** Keeps the first-start keys where their owner can find them: `<dataDir>/bootstrap-keys.json`, mode 0600. */
export function writeBootstrapKeys(dataDir: string, keys: readonly IssuedKey[]): string {
  mkdirSync(dataDir, { recursive: true });
  const file = resolve(join(dataDir, 'bootstrap-keys.json'));
  const content = Object.fromEntries(
    keys.map((key) => [key.kind, { keyId: key.keyId, token: key.token, projectId: key.projectId }]),
  );
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  return file;
}
