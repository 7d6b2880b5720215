import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApiDocument } from './asyncapi';
import { ALL_TOPICS } from './topics';

describe('AsyncAPI document', () => {
  it('describes every topic', () => {
    const document = buildAsyncApiDocument() as { channels: Record<string, unknown> };
    expect(Object.keys(document.channels).sort()).toEqual([...ALL_TOPICS].sort());
  });

  it('is committed up to date (regenerate with `npm run asyncapi`)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'asyncapi.json'), 'utf8'));
    expect(committed).toEqual(buildAsyncApiDocument());
  });
});
