import type { IHeaders } from 'kafkajs';

/** First value of a Kafka header as text (kafkajs hands headers over as Buffers). */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** All headers as text, first value of each. */
export function headersAsText(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of Object.keys(headers ?? {})) {
    const text = headerText(headers, name);
    if (text !== undefined) result[name] = text;
  }
  return result;
}
