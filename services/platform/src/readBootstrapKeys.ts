import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The first-start keys, if this data dir still has them: `{ write, read, admin }` tokens. */
export function readBootstrapKeys(dataDir: string): Record<string, string> | undefined {
  try {
    const content = JSON.parse(
      readFileSync(join(dataDir, 'bootstrap-keys.json'), 'utf8'),
    ) as Record<string, { token: string }>;
    return Object.fromEntries(Object.entries(content).map(([kind, key]) => [kind, key.token]));
  } catch {
    return undefined;
  }
}
