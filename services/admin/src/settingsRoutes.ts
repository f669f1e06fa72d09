import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PROJECT_ID, SettingsVersionConflict, type SettingsStore } from '@touchline/access';
import { ApiError, parseOrThrow } from '@touchline/contracts';
import { isSettingsKind, SETTINGS_KINDS, type SettingsKind } from '@touchline/journey';
import { scopeToProject, type Authenticate } from '@touchline/runtime';
import { parseSettingsPatch } from './parseSettingsPatch.ts';

export interface SettingsRoutesOptions {
  readonly settings: SettingsStore;
  readonly authenticate: Authenticate;
  readonly projectExists: (projectId: string) => Promise<boolean>;
}

const projectParams = z.object({
  projectId: z.string().regex(PROJECT_ID, 'must be 1-64 of a-z, 0-9, _'),
});
const kindParams = projectParams.extend({
  kind: z.string().refine(isSettingsKind, `must be one of ${SETTINGS_KINDS.join(', ')}`),
});
const ifMatch = z
  .string()
  .regex(/^"?\d{1,9}"?$/, 'must be the current settings version, e.g. "3"')
  .transform((v) => Number(v.replaceAll('"', '')))
  .optional();

/**
 * Per-project rules (lifecycle, SLA, profile, churn): `GET` shows the effective settings with the saved
 * overrides and version; `PUT` replaces the overrides (send `{}` to return to the defaults),
 * adding a version; `If-Match: "<version>"` guards against overwriting a concurrent change.
 */
export function settingsRoutes(
  app: FastifyInstance,
  options: SettingsRoutesOptions,
  done: (error?: Error) => void,
): void {
  const { settings, authenticate } = options;

  const describe = async (projectId: string) => {
    if (!(await options.projectExists(projectId)))
      throw new ApiError('TL_NOT_FOUND', `No project ${projectId}`);
    const saved = await settings.current(projectId);
    return Object.fromEntries(
      SETTINGS_KINDS.map((kind) => {
        const version = saved.find((s) => s.kind === kind);
        return [
          kind,
          {
            version: version?.version ?? 0,
            overrides: version?.config ?? {},
            effective: parseSettingsPatch(kind, version?.config ?? {}).effective,
            updatedAt: version?.updatedAt ?? null,
            updatedBy: version?.updatedBy ?? null,
          },
        ];
      }),
    ) as Record<SettingsKind, unknown>;
  };

  app.get('/v1/projects/:projectId/settings', async (request) => {
    const auth = await authenticate(request, 'admin');
    const { projectId } = parseOrThrow(projectParams, request.params);
    return { projectId, settings: await describe(scopeToProject(auth, projectId)) };
  });

  app.get('/v1/projects/:projectId/settings/:kind', async (request) => {
    const auth = await authenticate(request, 'admin');
    const { projectId, kind } = parseOrThrow(kindParams, request.params);
    const all = await describe(scopeToProject(auth, projectId));
    const history = await settings.history(projectId, kind);
    return { projectId, kind, ...(all[kind] as object), history };
  });

  app.put('/v1/projects/:projectId/settings/:kind', async (request) => {
    const auth = await authenticate(request, 'admin');
    const { projectId, kind } = parseOrThrow(kindParams, request.params);
    scopeToProject(auth, projectId);
    const expected = parseOrThrow(ifMatch, request.headers['if-match'], 'If-Match');
    if (!(await options.projectExists(projectId)))
      throw new ApiError('TL_NOT_FOUND', `No project ${projectId}`);
    const { overrides, effective } = parseSettingsPatch(kind, request.body ?? {});
    try {
      const saved = await settings.save(projectId, kind, overrides, auth.keyId, expected);
      return { projectId, kind, version: saved.version, overrides, effective };
    } catch (error) {
      if (error instanceof SettingsVersionConflict) {
        throw new ApiError('TL_CONFLICT', error.message, { field: 'If-Match' });
      }
      throw error;
    }
  });

  done();
}
