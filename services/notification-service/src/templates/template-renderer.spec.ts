import { DEFAULT_TEMPLATES } from './default-templates';
import { TEMPLATE_KEYS, TEMPLATE_PLACEHOLDERS } from './template-catalog';
import { escapeHtml, placeholdersIn, renderBody, renderSubject, templateProblems } from './template-renderer';

describe('template rendering', () => {
  it('fills placeholders, with or without spaces inside the braces', () => {
    expect(renderBody('<p>Order {{orderId}}: {{ total }}</p>', { orderId: 'A-1', total: '€19.99' })).toBe(
      '<p>Order A-1: €19.99</p>',
    );
  });

  it('escapes HTML in values of the body but not the template itself', () => {
    const body = renderBody('<p>Hello {{name}}</p>', { name: `<script>alert("x")</script> & 'co'` });
    expect(body).toBe('<p>Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>');
  });

  it('keeps the subject plain text on one line', () => {
    expect(renderSubject('Welcome, {{name}}', { name: 'Ada & <Bob>\r\nBcc: x@example.com' })).toBe(
      'Welcome, Ada & <Bob> Bcc: x@example.com',
    );
  });

  it('renders a placeholder without a value as nothing', () => {
    expect(renderBody('a{{missing}}b', {})).toBe('ab');
  });

  it('does not read inherited properties as values', () => {
    expect(renderBody('{{constructor}}', {})).toBe('');
  });

  it('lists the placeholders a text uses', () => {
    expect(placeholdersIn('{{a}} {{ b }} {{a}}')).toEqual(['a', 'b']);
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('template validation', () => {
  it('accepts known placeholders', () => {
    expect(templateProblems('Order {{orderId}} {{total}}', ['orderId', 'total'])).toEqual([]);
  });

  it('names unknown placeholders and what is allowed', () => {
    expect(templateProblems('Hi {{firstName}}', ['name'])).toEqual([
      'unknown placeholder {{firstName}}; allowed: {{name}}',
    ]);
  });

  it('refuses braces that are not a placeholder', () => {
    expect(templateProblems('Hi {{ first name }}', ['name'])).toHaveLength(1);
    expect(templateProblems('Hi {{name', ['name'])).toHaveLength(1);
    expect(templateProblems('Hi name}}', ['name'])).toHaveLength(1);
  });

  it.each(TEMPLATE_KEYS)('the default %s template uses only its own placeholders', (key) => {
    const { subject, body } = DEFAULT_TEMPLATES[key];
    expect(templateProblems(subject, TEMPLATE_PLACEHOLDERS[key])).toEqual([]);
    expect(templateProblems(body, TEMPLATE_PLACEHOLDERS[key])).toEqual([]);
  });
});
