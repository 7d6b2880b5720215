import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StandInRoute = (request: IncomingMessage) => { status: number; body: unknown } | undefined;

/**
 * A stand-in for another service of the platform (cart, user, product) on a local port, answering
 * the few GETs order-service makes, and recording what it was asked (headers included).
 */
export class StandIn {
  readonly requests: { path: string; authorization?: string }[] = [];
  private server?: Server;

  constructor(private readonly route: StandInRoute) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.requests.push({ path: request.url ?? '', authorization: request.headers.authorization });
      const answer = this.route(request) ?? { status: 404, body: { status: 404 } };
      response
        .writeHead(answer.status, { 'content-type': 'application/json' })
        .end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
