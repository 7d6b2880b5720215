import type { Request } from 'express';
import { pathOf, routeTemplateResolver, UNMATCHED_ROUTE } from './route-templates';

function layer(path: string, methods: Record<string, boolean>, pattern: RegExp) {
  return { route: { path, methods }, match: (candidate: string) => pattern.test(candidate) };
}

const app = {
  router: {
    stack: [
      { match: () => true }, // a middleware layer: no route
      layer('/api/products', { get: true, post: true }, /^\/api\/products$/),
      layer('/api/products/:id', { get: true }, /^\/api\/products\/[^/]+$/),
    ],
  },
};
const request = (method: string, url: string) => ({ method, url }) as Request;

describe('routeTemplateResolver', () => {
  it('names the template a request would reach, by method, ignoring the query', () => {
    const routeOf = routeTemplateResolver(app);
    expect(routeOf(request('GET', '/api/products/42?currency=EUR'))).toBe('/api/products/:id');
    expect(routeOf(request('POST', '/api/products'))).toBe('/api/products');
    expect(routeOf(request('HEAD', '/api/products/42'))).toBe('/api/products/:id');
  });

  it('labels what no route serves as unmatched, never by its raw path', () => {
    const routeOf = routeTemplateResolver(app);
    expect(routeOf(request('DELETE', '/api/products/42'))).toBe(UNMATCHED_ROUTE);
    expect(routeOf(request('GET', '/wp-admin/setup.php'))).toBe(UNMATCHED_ROUTE);
  });
});

describe('pathOf', () => {
  it('drops the query string', () => {
    expect(pathOf('/metrics?x=1')).toBe('/metrics');
    expect(pathOf('/health/live')).toBe('/health/live');
  });
});
