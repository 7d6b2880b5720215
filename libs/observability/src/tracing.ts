import { getNodeAutoInstrumentations } from './instrumentations';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry before Nest (and the pg, ioredis, kafkajs and express modules) is loaded,
 * so their calls are traced. Spans are exported over OTLP/HTTP only when OTEL_EXPORTER_OTLP_ENDPOINT
 * is set; without it the context still propagates (traceparent in HTTP and Kafka headers) and trace
 * ids still appear in the logs.
 */
export function startTracing(service: string): void {
  if (sdk || process.env.OTEL_SDK_DISABLED === 'true') return;
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  sdk = new NodeSDK({
    serviceName: service,
    traceExporter: endpoint ? new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }) : undefined,
    instrumentations: getNodeAutoInstrumentations(),
  });
  sdk.start();
}

export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}
