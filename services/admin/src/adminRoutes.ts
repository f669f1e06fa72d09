import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PROJECT_ID, type AccessStore } from '@touchline/access';
import { ApiError, parseOrThrow } from '@touchline/contracts';
import { scopeToProject, type Authenticate } from '@touchline/runtime';

export interface AdminOptions {
  readonly access: AccessStore;
  readonly authenticate: Authenticate;
}

const projectBody = z.strictObject({
  projectId: z.string().regex(PROJECT_ID, 'must be 1-64 of a-z, 0-9, _'),
  name: z.string().min(1).max(200).optional(),
});
const projectParams = z.object({
  projectId: z.string().regex(PROJECT_ID, 'must be 1-64 of a-z, 0-9, _'),
});
const keyParams = projectParams.extend({
  keyId: z.string().regex(/^[0-9a-f]{12}$/, 'is not a key id'),
});
const keyBody = z.strictObject({
  kind: z.enum(['write', 'read', 'admin']),
  label: z.string().max(200).optional(),
  rateLimit: z.number().int().min(1).max(1_000_000).optional().describe('requests per second'),
});
const rotateBody = z.strictObject({
  graceSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(86_400),
});

/**
 * Projects and keys. The root token (TL_ROOT_TOKEN) creates projects; a project's admin key
 * manages that project's keys. Tokens are returned once, at creation; only hashes are stored.
 */
export function adminRoutes(
  app: FastifyInstance,
  options: AdminOptions,
  done: (error?: Error) => void,
): void {
  const { access, authenticate } = options;

  app.post('/v1/projects', async (request, reply) => {
    const auth = await authenticate(request, 'admin');
    if (!auth.root)
      throw new ApiError('TL_FORBIDDEN', 'Only the root token (TL_ROOT_TOKEN) creates projects');
    const body = parseOrThrow(projectBody, request.body);
    if (await access.projectExists(body.projectId)) {
      throw new ApiError('TL_CONFLICT', `Project ${body.projectId} exists`, { field: 'projectId' });
    }
    const project = await access.createProject(body.projectId, body.name);
    const keys = await Promise.all(
      (['write', 'read', 'admin'] as const).map((kind) =>
        access.issueKey(project.projectId, kind, { label: 'initial' }),
      ),
    );
    return reply.code(201).send({ project, keys });
  });

  app.get('/v1/projects', async (request) => {
    const auth = await authenticate(request, 'admin');
    const projects = await access.listProjects();
    return {
      projects: auth.root ? projects : projects.filter((p) => p.projectId === auth.projectId),
    };
  });

  app.get('/v1/projects/:projectId/keys', async (request) => {
    const auth = await authenticate(request, 'admin');
    const { projectId } = parseOrThrow(projectParams, request.params);
    return { keys: await access.listKeys(scopeToProject(auth, projectId)) };
  });

  app.post('/v1/projects/:projectId/keys', async (request, reply) => {
    const auth = await authenticate(request, 'admin');
    const { projectId } = parseOrThrow(projectParams, request.params);
    const body = parseOrThrow(keyBody, request.body ?? {});
    scopeToProject(auth, projectId);
    if (!(await access.projectExists(projectId)))
      throw new ApiError('TL_NOT_FOUND', `No project ${projectId}`);
    const key = await access.issueKey(projectId, body.kind, {
      label: body.label ?? '',
      rateLimit: body.rateLimit ?? null,
    });
    return reply.code(201).send(key);
  });

  app.post('/v1/projects/:projectId/keys/:keyId/rotate', async (request, reply) => {
    const auth = await authenticate(request, 'admin');
    const { projectId, keyId } = parseOrThrow(keyParams, request.params);
    const { graceSeconds } = parseOrThrow(rotateBody, request.body ?? {});
    const key = await access.rotateKey(scopeToProject(auth, projectId), keyId, graceSeconds);
    if (!key) throw new ApiError('TL_NOT_FOUND', `No active key ${keyId} in project ${projectId}`);
    return reply.code(201).send(key);
  });

  app.delete('/v1/projects/:projectId/keys/:keyId', async (request, reply) => {
    const auth = await authenticate(request, 'admin');
    const { projectId, keyId } = parseOrThrow(keyParams, request.params);
    if (!(await access.revokeKey(scopeToProject(auth, projectId), keyId))) {
      throw new ApiError('TL_NOT_FOUND', `No active key ${keyId} in project ${projectId}`);
    }
    return reply.code(204).send();
  });

  done();
}
