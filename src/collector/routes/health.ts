/**
 * Probes for orchestrators and load balancers. `/healthz`: the process answers (restart it if
 * not). `/readyz`: the store answers a trivial query in time (send it traffic only then).
 */
import type { FastifyInstance } from 'fastify';

const READY_TIMEOUT_MS = 2_000;

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app;
  // Probes come every few seconds; only their failures are worth a log line.
  const tags = ['Operations'] as const;
  app.get('/healthz', { logLevel: 'warn', config: { tags, summary: 'Liveness: the process answers (restart it when not)' } }, async () => ({
    status: 'ok',
  }));

  const readyDoc = { tags, summary: 'Readiness: the database answers within 2 s (send traffic only then); 503 otherwise' };
  app.get('/readyz', { logLevel: 'warn', config: readyDoc }, async (request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        store.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
        }),
      ]);
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'not ready: the database does not answer');
      return reply.code(503).send({ status: 'unavailable', message: 'The database does not answer' });
    } finally {
      clearTimeout(timer);
    }
  });
}
