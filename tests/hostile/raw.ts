import net from 'node:net';

/** What came back on a raw socket: a parsed HTTP answer, or how the connection ended without one. */
export interface RawAnswer {
  status?: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The status line and headers as sent. */
  head: string;
  body: string;
  /** Bytes after the head, when the server switched protocols (WebSocket frames). */
  rest: Buffer;
  /** The server closed the connection without an HTTP answer. */
  closedWithoutAnswer: boolean;
  /** Nothing more came within the time allowed, and the connection was still open. */
  timedOut: boolean;
}

export type RawPart = string | Buffer;

/** A request line, headers and body, with Connection: close and a Content-Length unless told otherwise. */
export function httpRequest(options: {
  method?: string;
  path: string;
  host: string;
  headers?: string[];
  body?: RawPart;
  /** 'auto' (the default) sets the real length; 'omit' sends none; any other text is sent as is. */
  contentLength?: string;
  version?: string;
}): Buffer {
  const body = typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : options.body ?? Buffer.alloc(0);
  const lines = [`${options.method ?? 'POST'} ${options.path} ${options.version ?? 'HTTP/1.1'}`];
  if (options.host) lines.push(`Host: ${options.host}`);
  lines.push(...(options.headers ?? []));
  const length = options.contentLength ?? 'auto';
  if (length === 'auto' && (body.length > 0 || (options.method ?? 'POST') === 'POST')) lines.push(`Content-Length: ${body.length}`);
  else if (length !== 'auto' && length !== 'omit') lines.push(`Content-Length: ${length}`);
  lines.push('Connection: close');
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

function decodeChunked(data: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    out.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(out);
}

/** Drops interim answers (100 Continue) so the final one is read. */
function withoutInterim(data: Buffer): Buffer {
  let rest = data;
  while (/^HTTP\/1\.[01] 1(?!01)\d\d/.test(rest.subarray(0, 16).toString('latin1'))) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    rest = rest.subarray(end + 4);
  }
  return rest;
}

function parse(all: Buffer, timedOut: boolean): RawAnswer {
  const data = withoutInterim(all);
  const end = data.indexOf('\r\n\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(data.subarray(0, 16).toString('latin1'));
  if (end < 0 || !status) return { headers: {}, head: '', body: data.toString('utf8'), rest: Buffer.alloc(0), closedWithoutAnswer: !timedOut, timedOut };
  const head = data.subarray(0, end).toString('latin1');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const after = data.subarray(end + 4);
  const code = Number(status[1]);
  const body = code === 101 ? Buffer.alloc(0) : /chunked/i.test(headers['transfer-encoding'] ?? '') ? decodeChunked(after) : after;
  return { status: code, headers, head, body: body.toString('utf8'), rest: code === 101 ? after : Buffer.alloc(0), closedWithoutAnswer: false, timedOut };
}

/** Sends the parts (one write each, in order) and reads until the server closes or `timeoutMs` passes. */
export function rawRequest(url: string, parts: readonly RawPart[], timeoutMs = 5000): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = net.connect(Number(port), hostname);
    const finish = (timedOut: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parse(Buffer.concat(chunks), timedOut));
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    socket.on('connect', () => {
      for (const part of parts) socket.write(part);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A server that answers early (413) and closes may reset a socket we are still writing to.
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
  });
}
