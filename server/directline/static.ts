import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import { sendError } from './errors';
import { publicOrigin, webSocketOrigin, header } from './http';

export interface StaticPageDeps {
  /** The folder holding index.html, embed.js and static/. */
  publicDir: string;
  /** Web Chat's full UMD bundle (with Adaptive Cards), served from the installed package. */
  webChatBundle: string;
  /** Shown in the page title and header; a neutral name when unset. */
  clinicName?: string;
  /** Extra origins the page may call (Azure's Direct Line in production). */
  connectOrigins: string[];
  /** Sites allowed to frame the page (the clinic's website, through embed.js). */
  frameAncestors: string[];
  publicUrl?: string;
}

interface CachedFile {
  body: Buffer;
  gzip?: Buffer;
  etag: string;
  type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/** A day for Web Chat (it changes only with the package), an hour for our assets; revalidated by ETag. */
const CACHE = { page: 'no-cache', asset: 'public, max-age=3600', bundle: 'public, max-age=86400' } as const;
const gzipAsync = promisify(gzip);
const STATIC_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9]+)+$/;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Puts the clinic's name in the page; without one, the page names no clinic rather than a made-up one. */
export function renderPage(html: string, clinicName: string | undefined): string {
  if (clinicName) return html.split('{{CLINIC_NAME}}').join(escapeHtml(clinicName));
  return html.replace(/[ \t]*<p class="clinic">\{\{CLINIC_NAME\}\}<\/p>\n?/g, '').split(' | {{CLINIC_NAME}}').join('');
}

/** Serves the chat page, the embed script, Web Chat's bundle and the page's assets. */
export function mountStaticPage(server: Server, deps: StaticPageDeps): void {
  const cache = new Map<string, Promise<CachedFile | undefined>>();

  const load = (file: string, transform?: (text: string) => string) => {
    let entry = cache.get(file);
    if (!entry) {
      entry = readFile(file).then(
        async (raw) => {
          const body = transform ? Buffer.from(transform(raw.toString('utf8')), 'utf8') : raw;
          const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
          const compressible = type !== 'image/png' && body.length > 1024;
          return { body, gzip: compressible ? await gzipAsync(body) : undefined, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, type };
        },
        () => undefined,
      );
      cache.set(file, entry);
    }
    return entry;
  };

  const serve = async (req: Request, res: Response, file: string, cacheControl: string, extraHeaders: Record<string, string> = {}, transform?: (text: string) => string) => {
    const found = await load(file, transform);
    if (!found) return sendError(res, 'not_found');
    res.header('Content-Type', found.type);
    res.header('Cache-Control', cacheControl);
    res.header('ETag', found.etag);
    res.header('Vary', 'Accept-Encoding');
    res.header('X-Content-Type-Options', 'nosniff');
    for (const [name, value] of Object.entries(extraHeaders)) res.header(name, value);
    if (header(req.headers, 'if-none-match') === found.etag) {
      res.writeHead(304);
      res.end();
      return;
    }
    const gzip = found.gzip && /\bgzip\b/.test(header(req.headers, 'accept-encoding') ?? '');
    const body = gzip && found.gzip ? found.gzip : found.body;
    if (gzip) res.header('Content-Encoding', 'gzip');
    res.header('Content-Length', String(body.length));
    res.writeHead(200);
    res.end(body);
  };

  server.get('/', async (req: Request, res: Response) => {
    const origin = publicOrigin(req.headers, req.isSecure(), deps.publicUrl);
    const connect = ["'self'", ...(origin ? [webSocketOrigin(origin)] : []), ...deps.connectOrigins].join(' ');
    const policy = [
      "default-src 'self'",
      "script-src 'self'",
      // Web Chat styles itself with injected <style> elements.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "media-src 'self' data: blob:",
      `connect-src ${connect}`,
      `frame-ancestors ${deps.frameAncestors.join(' ')}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; ');
    const headers = { 'Content-Security-Policy': policy, 'Referrer-Policy': 'no-referrer' };
    return serve(req, res, path.join(deps.publicDir, 'index.html'), CACHE.page, headers, (html) => renderPage(html, deps.clinicName));
  });
  server.get('/embed.js', async (req: Request, res: Response) => serve(req, res, path.join(deps.publicDir, 'embed.js'), CACHE.asset));
  server.get('/webchat/webchat.js', async (req: Request, res: Response) => serve(req, res, deps.webChatBundle, CACHE.bundle));
  server.get('/static/:name', async (req: Request, res: Response) => {
    const name = String(req.params.name);
    if (!STATIC_NAME.test(name) || !TYPES[path.extname(name)]) return sendError(res, 'not_found');
    return serve(req, res, path.join(deps.publicDir, 'static', name), CACHE.asset);
  });
}
