import type { TemplateValues } from './template-catalog';

// `{{orderId}}` or `{{ orderId }}`: a letter, then letters and digits.
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);

/** The placeholder names a template text uses, each once, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (match) => match[1]))];
}

/**
 * What is wrong with a template text for a key that offers `allowed` placeholders: unknown names,
 * and braces that do not form a placeholder (`{{ order id }}`, a lone `{{`), which would otherwise
 * reach customers verbatim.
 */
export function templateProblems(text: string, allowed: readonly string[]): string[] {
  const problems = placeholdersIn(text)
    .filter((name) => !allowed.includes(name))
    .map((name) => `unknown placeholder {{${name}}}; allowed: ${allowed.map((a) => `{{${a}}}`).join(', ')}`);
  const leftover = text.replace(PLACEHOLDER, '');
  if (leftover.includes('{{') || leftover.includes('}}'))
    problems.push('malformed placeholder: use {{name}} with a name of letters and digits');
  return problems;
}

function fill(template: string, values: TemplateValues, encode: (value: string) => string): string {
  return template.replace(PLACEHOLDER, (_, name: string) =>
    encode(Object.hasOwn(values, name) ? values[name] : ''),
  );
}

/** A mail subject is plain text on one line: values are not HTML-escaped, but line breaks become spaces. */
export function renderSubject(template: string, values: TemplateValues): string {
  return fill(template, values, (value) => value.replace(/[\r\n]+/g, ' ')).trim();
}

/**
 * A body is HTML written by an admin; the values come from events and users (a name is whatever a
 * customer typed), so every value is escaped and can never add markup.
 */
export function renderBody(template: string, values: TemplateValues): string {
  return fill(template, values, escapeHtml);
}
