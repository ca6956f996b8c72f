import { createServer, type Server } from 'node:http';
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import type { Reply } from '../dialogs/replies';

/** What the bot counts; never who or what was said. */
export interface BotMetrics {
  turn(channel: string, replies: readonly Reply[]): void;
  error(kind: string): void;
}

export interface MetricsServer extends BotMetrics {
  registry: Registry;
  /** Serves /metrics on loopback at the port; resolves with the URL. */
  listen(port: number): Promise<string>;
  close(): Promise<void>;
}

export function createMetrics(): MetricsServer {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const turns = new Counter({ name: 'bot_turns_total', help: 'Message turns handled', labelNames: ['channel'], registers: [registry] });
  const outcomes = new Counter({ name: 'triage_outcomes_total', help: 'Symptom check outcomes by level', labelNames: ['level'], registers: [registry] });
  const unanswered = new Counter({ name: 'kb_unanswered_total', help: 'Questions the knowledge base could not answer', registers: [registry] });
  const suggestions = new Counter({ name: 'kb_suggestions_total', help: 'Questions answered with "did you mean"', registers: [registry] });
  const bookings = new Counter({ name: 'booking_requests_total', help: 'Call-back requests stored', registers: [registry] });
  const errors = new Counter({ name: 'bot_errors_total', help: 'Errors by kind', labelNames: ['kind'], registers: [registry] });
  let server: Server | undefined;

  return {
    registry,
    turn(channel, replies) {
      turns.inc({ channel });
      for (const reply of replies) {
        const entity = reply.entity;
        if (entity?.type === 'triage.outcome') outcomes.inc({ level: entity.level });
        else if (entity?.type === 'kb.noMatch') unanswered.inc();
        else if (entity?.type === 'kb.suggestions') suggestions.inc();
        else if (entity?.type === 'booking.requested') bookings.inc();
      }
    },
    error(kind) {
      errors.inc({ kind });
    },
    listen(port) {
      server = createServer(async (req, res) => {
        if (req.url !== '/metrics') {
          res.writeHead(404);
          res.end();
          return;
        }
        const body = await registry.metrics();
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(body);
      });
      return new Promise((resolve) => {
        server?.listen(port, '127.0.0.1', () => {
          const address = server?.address();
          resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/metrics`);
        });
      });
    },
    close: () =>
      new Promise((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
