import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Response headers for everything the dashboard serves. The Content-Security-Policy allows scripts and
 * styles from the dashboard only (no inline script: every text is rendered as text, and nothing else may
 * run), images from it and the tile server, connections to it (fetch and the live feed's WebSocket).
 * API answers are never cached (they hold dossiers).
 */
export function securityHeaders(tileUrl: string | null) {
  const tiles = tileUrl ? tileSource(tileUrl) : null;
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    void reply.header('content-security-policy', csp);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('permissions-policy', 'geolocation=(), camera=(), microphone=()');
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  };
}

/** The CSP source of a tile URL template: `https://{s}.tile.example.org/{z}/...` -> `https://*.tile.example.org`. */
export function tileSource(template: string): string | null {
  const match = /^(https?:\/\/)([^/]+)/.exec(template);
  if (!match) return null;
  return `${match[1]}${match[2]!.replace(/\{[a-z]+\}/g, '*')}`;
}
