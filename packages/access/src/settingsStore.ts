import type { SqlExecutor } from '@touchline/event-store';
import { migrateAccess } from './accessSchema.ts';

/** One saved version of a project's settings of one kind (e.g. `lifecycle`, `sla`, `churn`). */
export interface SettingsVersion {
  readonly projectId: string;
  readonly kind: string;
  /** 1, 2, 3… per project and kind; every change adds a version, none is overwritten. */
  readonly version: number;
  /** The overrides as saved (a partial config); defaults fill the rest. */
  readonly config: Record<string, unknown>;
  /** Key id of the admin key that saved it, or `root`. */
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

/** Thrown when `expectedVersion` is not the current version (a concurrent change won). */
export class SettingsVersionConflict extends Error {
  readonly expectedVersion: number;
  readonly actualVersion: number;
  constructor(projectId: string, kind: string, expectedVersion: number, actualVersion: number) {
    super(`${projectId} ${kind} settings are at version ${actualVersion}, not ${expectedVersion}`);
    this.name = 'SettingsVersionConflict';
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}

interface SettingsRow {
  project_id: string;
  kind: string;
  version: number;
  config: Record<string, unknown> | string;
  updated_by: string;
  updated_at: Date | string;
}

const toVersion = (row: SettingsRow): SettingsVersion => ({
  projectId: row.project_id,
  kind: row.kind,
  version: row.version,
  config: typeof row.config === 'string' ? (JSON.parse(row.config) as never) : row.config,
  updatedBy: row.updated_by,
  updatedAt: row.updated_at instanceof Date ? row.updated_at : new Date(row.updated_at),
});

/**
 * Per-project settings (lifecycle rules, SLA policy, churn rules…), versioned: a change appends
 * a version, so a derived fact can name the rules version that produced it and an audit can see
 * who changed what. Validation is the caller's: this store keeps JSON.
 */
export async function getSettingsStore(db: SqlExecutor) {
  await migrateAccess(db);
  return {
    /** The latest version of each kind saved for the project. */
    async current(projectId: string): Promise<SettingsVersion[]> {
      const rows = await db.query<SettingsRow>(
        `SELECT DISTINCT ON (kind) * FROM tl_project_settings
         WHERE project_id = $1 ORDER BY kind, version DESC`,
        [projectId],
      );
      return rows.map(toVersion);
    },

    /** Every version of one kind, newest first. */
    async history(projectId: string, kind: string): Promise<SettingsVersion[]> {
      const rows = await db.query<SettingsRow>(
        `SELECT * FROM tl_project_settings WHERE project_id = $1 AND kind = $2
         ORDER BY version DESC`,
        [projectId, kind],
      );
      return rows.map(toVersion);
    },

    /**
     * Saves a new version. With `expectedVersion` (0 = none saved yet) the save fails with
     * SettingsVersionConflict unless that is still the latest version.
     */
    async save(
      projectId: string,
      kind: string,
      config: Record<string, unknown>,
      updatedBy: string,
      expectedVersion?: number,
    ): Promise<SettingsVersion> {
      return db.transaction(async (tx) => {
        // Serialises writers of one project's settings; the primary key backs it up.
        await tx.query(`SELECT 1 FROM tl_projects WHERE project_id = $1 FOR UPDATE`, [projectId]);
        const [latest] = await tx.query<{ version: number | null }>(
          `SELECT max(version) AS version FROM tl_project_settings
           WHERE project_id = $1 AND kind = $2`,
          [projectId, kind],
        );
        const current = latest?.version ?? 0;
        if (expectedVersion !== undefined && expectedVersion !== current) {
          throw new SettingsVersionConflict(projectId, kind, expectedVersion, current);
        }
        const [row] = await tx.query<SettingsRow>(
          `INSERT INTO tl_project_settings (project_id, kind, version, config, updated_by)
           VALUES ($1, $2, $3, $4, $5) RETURNING *`,
          [projectId, kind, current + 1, JSON.stringify(config), updatedBy],
        );
        return toVersion(row!);
      });
    },
  };
}

export type SettingsStore = Awaited<ReturnType<typeof getSettingsStore>>;
