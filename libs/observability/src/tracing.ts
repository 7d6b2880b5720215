import { getNodeAutoInstrumentations } from './instrumentations';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry before Nest (and the pg, ioredis, kafkajs and express modules) is loaded,
 * so their calls are traced, when OTEL_EXPORTER_OTLP_ENDPOINT says where spans go. Without an
 * exporter nothing is started at all: the instrumentations would wrap every HTTP request, route
 * layer, Redis and PostgreSQL call in spans that nobody receives (a large share of a cached read's
 * CPU). Requests are still followed across services by their correlation id, in the logs and in
 * the event headers.
 */
export function startTracing(service: string): void {
  if (sdk || process.env.OTEL_SDK_DISABLED === 'true') return;
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return;
  sdk = new NodeSDK({
    serviceName: service,
    traceExporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }),
    instrumentations: getNodeAutoInstrumentations(),
  });
  sdk.start();
}

export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}
