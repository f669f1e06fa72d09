import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { ApiError } from '@touchline/contracts';
import { toHttpError } from './httpErrorHandler.ts';
import type { Logger } from './logger.ts';

/** A fastify app with the platform's error shape, health routes and request logging. */
export function httpApp(logger: Logger): FastifyInstance {
  // Widened to fastify's logger interface so the app has the plain FastifyInstance type.
  const loggerInstance: FastifyBaseLogger = logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  });
  app.setErrorHandler((error, request, reply) => {
    const { status, body, retryAfterSeconds } = toHttpError(error);
    if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.error.code, field: body.error.field }, 'request rejected');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(new ApiError('TL_NOT_FOUND', `No route ${request.method} ${request.url}`).toBody()),
  );
  return app;
}
