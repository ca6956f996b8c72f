import net from 'node:net';

/** A loopback TCP proxy a test can cut, to make a server "go away" without touching the server itself. */
export interface TcpProxy {
  /** The port the proxy listens on, on 127.0.0.1. */
  readonly port: number;
  /** Resets every open connection and new ones at once, until restore(): a server that is down. */
  cut(): void;
  /**
   * Silently stops every open connection and accepts new ones that never answer, until restore():
   * a server host that vanished (a failover to a new address), so nothing fails until a timeout does.
   * The connections open at the time stay dead after restore().
   */
  swallow(): void;
  /** New connections reach the server again. */
  restore(): void;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  drop: () => void;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Pair>();
  const swallowed = new Set<net.Socket>();
  let mode: 'open' | 'cut' | 'swallow' = 'open';

  /** Reads and discards whatever the client sends, and never answers. */
  const swallowClient = (client: net.Socket) => {
    swallowed.add(client);
    client.on('close', () => swallowed.delete(client));
    client.resume();
  };

  const server = net.createServer((client) => {
    client.on('error', () => undefined);
    if (mode === 'cut') return client.resetAndDestroy();
    if (mode === 'swallow') return swallowClient(client);
    const upstream = net.connect(target.port, target.host);
    upstream.on('error', () => undefined);
    const pair: Pair = {
      client,
      upstream,
      drop: () => {
        open.delete(pair);
        client.destroy();
        upstream.destroy();
      },
    };
    open.add(pair);
    client.on('close', pair.drop);
    upstream.on('close', pair.drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const detachAll = (handle: (pair: Pair) => void) => {
    for (const pair of [...open]) {
      open.delete(pair);
      pair.client.off('close', pair.drop);
      pair.upstream.off('close', pair.drop);
      handle(pair);
    }
  };

  return {
    port,
    cut: () => {
      mode = 'cut';
      // A reset, as when a server host dies or a network path breaks, rather than a polite close.
      detachAll((pair) => {
        pair.client.resetAndDestroy();
        pair.upstream.destroy();
      });
    },
    swallow: () => {
      mode = 'swallow';
      detachAll((pair) => {
        pair.client.unpipe(pair.upstream);
        pair.upstream.unpipe(pair.client);
        // The old server is gone with its sessions; the client is not told.
        pair.upstream.destroy();
        swallowClient(pair.client);
      });
    },
    restore: () => {
      mode = 'open';
    },
    close: () =>
      new Promise((resolve) => {
        mode = 'cut';
        detachAll((pair) => {
          pair.client.destroy();
          pair.upstream.destroy();
        });
        for (const client of swallowed) client.destroy();
        server.close(() => resolve());
      }),
  };
}
