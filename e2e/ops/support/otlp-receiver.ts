import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * A local OTLP/HTTP trace receiver for tests: the services export to it as they would to Jaeger or
 * an OpenTelemetry Collector (OTEL_EXPORTER_OTLP_ENDPOINT=<url>), and the test reads the spans.
 *
 * `@opentelemetry/exporter-trace-otlp-http` posts OTLP/JSON (content-type application/json) to
 * <endpoint>/v1/traces; ids are hex strings. OTLP/protobuf (the -proto exporter) is refused with
 * 415, so a change of exporter shows up as a clear failure rather than as missing spans.
 */

export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: OtlpAttribute[];
}
interface OtlpTraceRequest {
  resourceSpans?: { resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

const plain = (value: OtlpValue): unknown =>
  value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue;
const attributeMap = (attributes: OtlpAttribute[] = []) =>
  Object.fromEntries(attributes.map((attribute) => [attribute.key, plain(attribute.value)]));

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
}

/** Spans of an OTLP/JSON ExportTraceServiceRequest, flattened, with the service.name of their resource. */
export function spansOf(request: OtlpTraceRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const service = String(attributeMap(resourceSpans.resource?.attributes)['service.name'] ?? 'unknown');
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        service,
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId || undefined,
        name: span.name,
        kind: span.kind,
        attributes: attributeMap(span.attributes),
      })),
    );
  });
}

export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  private server: Server | undefined;

  /** Listens on 127.0.0.1:`port` (0 = any free port) and returns the endpoint to give the services. */
  async start(port = 0): Promise<string> {
    this.server = createServer((request, response) => {
      void this.handle(request)
        .then((status) => response.writeHead(status, { 'content-type': 'application/json' }).end('{}'))
        .catch((error: unknown) =>
          response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error)),
        );
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', resolve);
    });
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Spans of one trace, in the order they arrived. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  private async handle(request: IncomingMessage): Promise<number> {
    if (request.method !== 'POST' || request.url !== '/v1/traces') return 404;
    const type = request.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) return 415;
    const body = await readBody(request);
    this.spans.push(...spansOf(JSON.parse(body.toString('utf8')) as OtlpTraceRequest));
    return 200;
  }
}
