import type { FastifyRequest } from 'fastify';
import { ApiError } from '@touchline/contracts';
import { PROJECT_ID_PATTERN } from '@touchline/journey';

/**
 * The project a request belongs to: the `X-Project-Id` header, else the default project.
 * (Per-project keys replace this header when the auth layer lands.)
 */
export function projectResolver(defaultProject: string): (request: FastifyRequest) => string {
  return (request) => {
    const header = request.headers['x-project-id'];
    if (header === undefined) return defaultProject;
    const value = Array.isArray(header) ? header[0] : header;
    if (value === undefined || !PROJECT_ID_PATTERN.test(value)) {
      throw new ApiError('TL_INVALID_FIELD', 'X-Project-Id must be 1-64 of a-z, 0-9, _', {
        field: 'X-Project-Id',
      });
    }
    return value;
  };
}
