import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
  /** The status this receiver answered with. */
  answered: number;
}

/**
 * A local stand-in for SendGrid's API: records every request and answers 202, or the statuses
 * scripted for a recipient address, one per request, in order.
 */
export class MailReceiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly scripts = new Map<string, number[]>();
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const body = text ? JSON.parse(text) : undefined;
        const to: string | undefined = body?.personalizations?.[0]?.to?.[0]?.email;
        const status = (to && this.scripts.get(to)?.shift()) || 202;
        this.requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body,
          answered: status,
        });
        res.statusCode = status;
        if (status >= 400) {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ errors: [{ message: `scripted ${status}`, field: null, help: null }] }));
        } else {
          res.end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** The next requests to this address get these statuses; after them, 202. */
  script(address: string, statuses: number[]): void {
    this.scripts.set(address, [...statuses]);
  }

  to(address: string): ReceivedRequest[] {
    return this.requests.filter((request) =>
      request.body?.personalizations?.some((p: any) => p.to?.some((t: any) => t.email === address)),
    );
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
