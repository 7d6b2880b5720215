import { request, type ClientRequest } from 'node:http';

export interface SseStream {
  status: number;
  contentType: string | undefined;
  events: Record<string, unknown>[];
  heartbeats: number;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens a Server-Sent Events stream and collects its `data:` events and comment lines. */
export function openStream(baseUrl: string, path: string, authorization: string): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    let req: ClientRequest | undefined = undefined;
    req = request(
      new URL(path, baseUrl),
      { headers: { authorization, accept: 'text/event-stream' } },
      (response) => {
        let buffer = '';
        let endStream!: () => void;
        const stream: SseStream = {
          status: response.statusCode ?? 0,
          contentType: response.headers['content-type'],
          events: [],
          heartbeats: 0,
          ended: new Promise<void>((done) => (endStream = done)),
          close: () => req?.destroy(),
        };
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let boundary: number;
          while ((boundary = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, boundary);
            buffer = buffer.slice(boundary + 2);
            if (block.startsWith(':')) stream.heartbeats += 1;
            else if (block.startsWith('data: '))
              stream.events.push(JSON.parse(block.slice(6)) as Record<string, unknown>);
          }
        });
        response.on('end', () => endStream());
        response.on('close', () => endStream());
        resolve(stream);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
