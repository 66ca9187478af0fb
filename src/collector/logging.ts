/**
 * Structured JSON logs (pino, through Fastify) that carry no personal data: no client addresses,
 * no headers, no bodies, no query strings, and database errors without their `detail`, which
 * PostgreSQL fills with the offending row's values.
 */
import type { FastifyServerOptions } from 'fastify';

interface LoggedRequest {
  method: string;
  url: string;
  routeOptions?: { url?: string };
}

/** Only fields known to be free of row data; never `detail`, `where`, `parameters`. */
export function serialiseError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' && { code }),
    ...(error.stack && { stack: error.stack }),
  };
}

export function collectorLogger(options: { level?: string; stream?: NodeJS.WritableStream }): FastifyServerOptions['logger'] {
  return {
    level: options.level ?? 'info',
    ...(options.stream && { stream: options.stream }),
    serializers: {
      req: (req: LoggedRequest) => ({ method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: serialiseError,
    },
  } as unknown as FastifyServerOptions['logger'];
}
