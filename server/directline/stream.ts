import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../logger';
import { errorFields } from '../logger';
import type { DirectLineConversations } from './conversations';
import { DIRECT_LINE_ERRORS, errorBody, type DirectLineErrorCode } from './errors';
import { checkToken, queryOf, watermarkOf } from './http';
import { DIRECT_LINE_PATH } from './rest';
import type { TokenSigner } from './tokens';

export interface StreamDeps {
  conversations: DirectLineConversations;
  signer: TokenSigner;
  log: Logger;
  /** How often to ping each socket; one that misses a pong is dropped. */
  heartbeatMs: number;
}

const STREAM_PATH = new RegExp(`^${DIRECT_LINE_PATH}/conversations/([^/?]+)/stream$`);

/** Serves the Direct Line stream on the Node server's upgrade event (restify does not do upgrades); other upgrade paths get 404. */
export function attachDirectLineStream(httpServer: HttpServer, deps: StreamDeps): { close(): void } {
  // ws is loaded with the first stream, not before the bot's first answer.
  let wss: WebSocketServer | undefined;
  const sockets = (): WebSocketServer => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    wss ??= new (require('ws') as typeof import('ws')).WebSocketServer({ noServer: true, maxPayload: 4096 });
    return wss;
  };
  const alive = new WeakSet<WebSocket>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const match = STREAM_PATH.exec(path);
    // Nothing else on this server speaks WebSocket; a socket left unanswered would hang.
    if (!match) return refuseUpgrade(socket, 'not_found');
    socket.on('error', () => socket.destroy());
    let conversationId: string;
    try {
      conversationId = decodeURIComponent(match[1] ?? '');
    } catch {
      // A malformed percent-encoding names no conversation.
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    void accept(req, socket, head, conversationId);
  };

  const accept = async (req: IncomingMessage, socket: Duplex, head: Buffer, conversationId: string) => {
    const query = queryOf(req.url);
    const checked = checkToken(deps.signer, query.get('t') ?? undefined, 'stream', conversationId);
    if ('refused' in checked) return refuseUpgrade(socket, checked.refused);
    const watermark = watermarkOf(query);
    if (watermark === undefined) return refuseUpgrade(socket, 'bad_request');
    if ((await deps.conversations.userOf(conversationId)) !== checked.claims.user) return refuseUpgrade(socket, 'unknown_conversation');
    sockets().handleUpgrade(req, socket, head, (ws) => serve(ws, conversationId, watermark));
  };

  const serve = (ws: WebSocket, conversationId: string, from: number) => {
    let sent = from;
    let pulling = Promise.resolve();
    // Pulls run one after another from the last watermark sent, so a push racing the replay is neither lost nor doubled.
    const pull = () => {
      pulling = pulling.then(async () => {
        const set = await deps.conversations.since(conversationId, sent);
        if (!set) return ws.close(1000, 'conversation ended');
        if (!set.activities.length || ws.readyState !== ws.OPEN) return;
        sent = set.watermark;
        ws.send(JSON.stringify({ activities: set.activities, watermark: String(set.watermark) }));
      }).catch((error: unknown) => deps.log.error({ event: 'directline_stream_failed', ...errorFields(error) }, 'a stream push failed'));
    };
    const unsubscribe = deps.conversations.subscribe(conversationId, pull);
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    ws.on('close', unsubscribe);
    ws.on('error', () => ws.terminate());
    pull();
  };

  const heartbeat = setInterval(() => {
    for (const ws of wss?.clients ?? []) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, deps.heartbeatMs);
  heartbeat.unref();

  httpServer.on('upgrade', onUpgrade);
  return {
    close: () => {
      clearInterval(heartbeat);
      httpServer.off('upgrade', onUpgrade);
      for (const ws of wss?.clients ?? []) ws.terminate();
      wss?.close();
    },
  };
}

function refuseUpgrade(socket: Duplex, code: DirectLineErrorCode): void {
  const { status } = DIRECT_LINE_ERRORS[code];
  const body = JSON.stringify(errorBody(code));
  const reason = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
