import http from 'node:http';

export interface ReceivedCall {
  method: string;
  conversationId: string;
  /** Set for an update (PUT). */
  activityId?: string;
  body: Record<string, unknown>;
  authorization?: string;
}

/**
 * A stand-in for a channel's service URL, as the Bot Framework Emulator provides: it takes
 * `POST /v3/conversations/{id}/activities` and `PUT .../activities/{activityId}` on loopback.
 */
export interface ChannelStandIn {
  serviceUrl: string;
  calls: ReceivedCall[];
  /** Answer the next `count` calls with this status instead of 200. */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

export async function startChannelStandIn(): Promise<ChannelStandIn> {
  const calls: ReceivedCall[] = [];
  let failures = 0;
  let failStatus = 503;
  let posted = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
      const reply = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (!match || (req.method !== 'POST' && req.method !== 'PUT')) return reply(404, { error: 'not found' });
      if (failures > 0) {
        failures--;
        return reply(failStatus, { error: { code: 'ServiceError', message: 'try again' } });
      }
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      calls.push({
        method: req.method,
        conversationId: decodeURIComponent(match[1]),
        activityId: match[2] ? decodeURIComponent(match[2]) : undefined,
        body: typeof parsed === 'object' && parsed !== null ? { ...parsed } : {},
        authorization: req.headers.authorization,
      });
      reply(200, { id: match[2] ? decodeURIComponent(match[2]) : `activity-${++posted}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the stand-in is not listening on a port');
  return {
    serviceUrl: `http://127.0.0.1:${address.port}`,
    calls,
    failNext(count, status = 503) {
      failures = count;
      failStatus = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
