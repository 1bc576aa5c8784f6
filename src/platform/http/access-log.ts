import fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * One log line per request, written when it completes, with the request (id, method, redacted
 * URL: see logger.ts), the status and the response time. Fastify's default writes a second
 * "incoming request" line first: with redaction, that line cost about a tenth of the CPU of a
 * page served from the page cache (bench/pages.ts), and told nothing the completion line does not.
 */
export class AccessLog extends fastify.LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
