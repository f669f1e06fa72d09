import type { SqlExecutor } from '@touchline/event-store';
import { generateApiKey, hashSecret, parseApiKey, secretMatches, type KeyKind } from './apiKey.ts';
import { migrateAccess } from './accessSchema.ts';

export interface Project {
  readonly projectId: string;
  readonly name: string;
  readonly createdAt: Date;
}

export interface ApiKeyInfo {
  readonly keyId: string;
  readonly projectId: string;
  readonly kind: KeyKind;
  readonly label: string;
  /** Requests per second for this key (null: the default for its kind). */
  readonly rateLimit: number | null;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface IssuedKey extends ApiKeyInfo {
  /** The full key. Shown once: only its hash is stored. */
  readonly token: string;
}

export interface VerifiedKey {
  readonly keyId: string;
  readonly projectId: string;
  readonly kind: KeyKind;
  readonly rateLimit: number | null;
}

interface KeyRow {
  key_id: string;
  project_id: string;
  kind: KeyKind;
  label: string;
  rate_limit: number | null;
  created_at: Date | string;
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
  secret_hash: string;
}

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const toInfo = (row: KeyRow): ApiKeyInfo => ({
  keyId: row.key_id,
  projectId: row.project_id,
  kind: row.kind,
  label: row.label,
  rateLimit: row.rate_limit,
  createdAt: date(row.created_at),
  expiresAt: row.expires_at === null ? null : date(row.expires_at),
  revokedAt: row.revoked_at === null ? null : date(row.revoked_at),
});

export const PROJECT_ID = /^[a-z0-9_]{1,64}$/;

/**
 * Projects and their API keys, in the event store's database. Keys are stored as SHA-256 hashes;
 * verified keys are cached for `cacheMs` so ingest does not query per request, which bounds how
 * long a revoked key keeps working in a running process.
 */
export async function getAccessStore(db: SqlExecutor, options: { cacheMs?: number } = {}) {
  await migrateAccess(db);
  const cacheMs = options.cacheMs ?? 5_000;
  const cache = new Map<string, { key: VerifiedKey | undefined; until: number }>();

  const issue = async (
    projectId: string,
    kind: KeyKind,
    extra: { label?: string; rateLimit?: number | null } = {},
  ): Promise<IssuedKey> => {
    const key = generateApiKey(kind);
    const [row] = await db.query<KeyRow>(
      `INSERT INTO tl_api_keys (key_id, project_id, kind, secret_hash, label, rate_limit)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [
        key.keyId,
        projectId,
        kind,
        hashSecret(key.secret),
        extra.label ?? '',
        extra.rateLimit ?? null,
      ],
    );
    return { ...toInfo(row!), token: key.token };
  };

  return {
    async createProject(projectId: string, name = projectId): Promise<Project> {
      if (!PROJECT_ID.test(projectId)) throw new TypeError(`Invalid project id "${projectId}"`);
      const [row] = await db.query<{ project_id: string; name: string; created_at: Date | string }>(
        'INSERT INTO tl_projects (project_id, name) VALUES ($1, $2) RETURNING *',
        [projectId, name],
      );
      return { projectId: row!.project_id, name: row!.name, createdAt: date(row!.created_at) };
    },
    async listProjects(): Promise<Project[]> {
      const rows = await db.query<{ project_id: string; name: string; created_at: Date | string }>(
        'SELECT * FROM tl_projects ORDER BY project_id',
      );
      return rows.map((row) => ({
        projectId: row.project_id,
        name: row.name,
        createdAt: date(row.created_at),
      }));
    },
    async projectExists(projectId: string): Promise<boolean> {
      return (
        (await db.query('SELECT 1 FROM tl_projects WHERE project_id = $1', [projectId])).length > 0
      );
    },
    issueKey: issue,
    async listKeys(projectId: string): Promise<ApiKeyInfo[]> {
      const rows = await db.query<KeyRow>(
        'SELECT * FROM tl_api_keys WHERE project_id = $1 ORDER BY created_at',
        [projectId],
      );
      return rows.map(toInfo);
    },
    /** Issues a new key of the same kind; the old one keeps working for `graceSeconds`, then expires. */
    async rotateKey(
      projectId: string,
      keyId: string,
      graceSeconds = 86_400,
    ): Promise<IssuedKey | undefined> {
      return db.transaction(async (tx) => {
        const [old] = await tx.query<KeyRow>(
          `UPDATE tl_api_keys SET expires_at = LEAST(COALESCE(expires_at, 'infinity'), now() + make_interval(secs => $3))
           WHERE key_id = $1 AND project_id = $2 AND revoked_at IS NULL RETURNING *`,
          [keyId, projectId, graceSeconds],
        );
        if (!old) return undefined;
        const key = generateApiKey(old.kind);
        const [row] = await tx.query<KeyRow>(
          `INSERT INTO tl_api_keys (key_id, project_id, kind, secret_hash, label, rate_limit)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
          [key.keyId, projectId, old.kind, hashSecret(key.secret), old.label, old.rate_limit],
        );
        cache.clear();
        return { ...toInfo(row!), token: key.token };
      });
    },
    async revokeKey(projectId: string, keyId: string): Promise<boolean> {
      const rows = await db.query(
        'UPDATE tl_api_keys SET revoked_at = now() WHERE key_id = $1 AND project_id = $2 AND revoked_at IS NULL RETURNING 1',
        [keyId, projectId],
      );
      cache.clear();
      return rows.length > 0;
    },
    /** The key's project and kind if the token is valid, not revoked and not expired. */
    async verify(token: string, nowMs = Date.now()): Promise<VerifiedKey | undefined> {
      const cached = cache.get(token);
      if (cached && cached.until > nowMs) return cached.key;
      const parsed = parseApiKey(token);
      let key: VerifiedKey | undefined;
      if (parsed) {
        const [row] = await db.query<KeyRow>(
          `SELECT * FROM tl_api_keys WHERE key_id = $1 AND revoked_at IS NULL
             AND (expires_at IS NULL OR expires_at > now())`,
          [parsed.keyId],
        );
        if (row && row.kind === parsed.kind && secretMatches(parsed.secret, row.secret_hash)) {
          key = {
            keyId: row.key_id,
            projectId: row.project_id,
            kind: row.kind,
            rateLimit: row.rate_limit,
          };
        }
      }
      if (cache.size > 10_000) cache.clear();
      cache.set(token, { key, until: nowMs + cacheMs });
      return key;
    },
  };
}

export type AccessStore = Awaited<ReturnType<typeof getAccessStore>>;
