import { STATUS_CODES } from 'node:http';

/** An RFC 9457 problem document as the platform sends it. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: Record<string, string[]>;
  correlationId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types are relative URI references under /problems/, one per error code. */
export function problemType(code: string): string {
  return `/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
