import { Counter } from 'prom-client';
import { metric } from './metric';

describe('metric', () => {
  it('creates a metric once and hands out the registered one afterwards', () => {
    const make = () => new Counter({ name: 'metric_spec_total', help: 'test' });
    const first = metric('metric_spec_total', make);
    const second = metric('metric_spec_total', make);
    expect(second).toBe(first);
  });
});
