import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PROJECT_ID } from '@touchline/access';
import { ApiError, parseOrThrow } from '@touchline/contracts';
import { ChurnFitError, type ChurnModel } from '@touchline/journey';
import { scopeToProject, type AuthContext, type Authenticate } from '@touchline/runtime';

/** What the routes need of the churn models (`churnModels` of `@touchline/projector`). */
export interface ChurnModelService {
  current(projectId: string): Promise<ChurnModel | undefined>;
  refit(
    projectId: string,
    window?: { from?: string; to?: string },
  ): Promise<{ model: ChurnModel; appended: boolean }>;
}

export interface ChurnRoutesOptions {
  readonly models: ChurnModelService;
  readonly authenticate: Authenticate;
  readonly projectExists: (projectId: string) => Promise<boolean>;
}

const projectParams = z.object({
  projectId: z.string().regex(PROJECT_ID, 'must be 1-64 of a-z, 0-9, _'),
});
const isoDate = z.iso.date('must be an ISO date, e.g. "1997-09-30"');
const refitBody = z
  .strictObject({ calibrationFrom: isoDate.optional(), calibrationTo: isoDate.optional() })
  .refine(
    (body) =>
      body.calibrationFrom === undefined ||
      body.calibrationTo === undefined ||
      body.calibrationFrom <= body.calibrationTo,
    { message: 'must not be after calibrationTo', path: ['calibrationFrom'] },
  );

/**
 * Churn model of a project: `POST …/churn/refit` (admin key) fits BG/NBD (+ Gamma-Gamma) over a
 * calibration window and stores the model as a `churn.model_fitted` fact (a retried refit of the
 * same window and data answers the current model, `refitted: false`); `GET …/churn/model`
 * (admin or read key) answers the current model, 404 before the first fit.
 */
export function churnRoutes(
  app: FastifyInstance,
  options: ChurnRoutesOptions,
  done: (error?: Error) => void,
): void {
  const { models, authenticate } = options;

  const existing = async (projectId: string) => {
    if (!(await options.projectExists(projectId)))
      throw new ApiError('TL_NOT_FOUND', `No project ${projectId}`);
    return projectId;
  };

  app.post('/v1/projects/:projectId/churn/refit', async (request) => {
    const auth = await authenticate(request, 'admin');
    const { projectId } = parseOrThrow(projectParams, request.params);
    scopeToProject(auth, projectId);
    const body = parseOrThrow(refitBody, request.body ?? {});
    await existing(projectId);
    try {
      const { model, appended } = await models.refit(projectId, {
        ...(body.calibrationFrom ? { from: body.calibrationFrom } : {}),
        ...(body.calibrationTo ? { to: body.calibrationTo } : {}),
      });
      return { model, refitted: appended };
    } catch (error) {
      if (error instanceof ChurnFitError) throw new ApiError('TL_INSUFFICIENT_DATA', error.message);
      if (error instanceof RangeError)
        throw new ApiError('TL_INVALID_FIELD', error.message, { field: 'calibrationFrom' });
      throw error;
    }
  });

  app.get('/v1/projects/:projectId/churn/model', async (request) => {
    const auth = await readOrAdmin(authenticate, request);
    const { projectId } = parseOrThrow(projectParams, request.params);
    const model = await models.current(await existing(scopeToProject(auth, projectId)));
    if (!model)
      throw new ApiError('TL_NOT_FOUND', `No churn model fitted yet for project ${projectId}`);
    return { model };
  });

  done();
}

/** A read key, or else an admin key (or the root token); the read key's refusal otherwise. */
async function readOrAdmin(
  authenticate: Authenticate,
  request: FastifyRequest,
): Promise<AuthContext> {
  try {
    return await authenticate(request, 'read');
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'TL_FORBIDDEN') throw error;
    return authenticate(request, 'admin').catch(() => Promise.reject(error));
  }
}
