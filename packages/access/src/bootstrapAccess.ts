import type { AccessStore, IssuedKey } from './accessStore.ts';

/**
 * First start: when the store holds no project, creates `projectId` with a key of each kind, so a
 * fresh install can be used at once. Returns the keys (shown once), or undefined when projects
 * already exist (or another process bootstrapped first).
 */
export async function bootstrapAccess(
  access: AccessStore,
  projectId: string,
): Promise<IssuedKey[] | undefined> {
  if ((await access.listProjects()).length > 0) return undefined;
  try {
    await access.createProject(projectId, projectId);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return undefined;
    throw error;
  }
  return Promise.all(
    (['write', 'read', 'admin'] as const).map((kind) =>
      access.issueKey(projectId, kind, { label: 'bootstrap' }),
    ),
  );
}
