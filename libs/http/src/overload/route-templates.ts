import type { Request } from 'express';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
  match(path: string): boolean;
}

interface RoutedApp {
  router?: { stack: RouteLayer[] };
}

export const UNMATCHED_ROUTE = 'unmatched';
/** Distinct (method, path) pairs remembered; a path scanner cannot grow the map past this. */
const REMEMBERED_PATHS = 1_000;

/**
 * The route template ('/api/products/:id') a request would reach, found without routing it: a shed
 * request never gets to the router, yet its metric must be labelled by template, never by raw path
 * (which would explode the label cardinality). Only called for shed requests, and remembered per
 * path, so the scan of the route table is off the hot path.
 */
export function routeTemplateResolver(app: RoutedApp): (request: Request) => string {
  const remembered = new Map<string, string>();
  return (request) => {
    const path = pathOf(request.url);
    const method = request.method.toLowerCase();
    const key = `${method} ${path}`;
    let template = remembered.get(key);
    if (template === undefined) {
      template = findTemplate(app, method, path);
      if (remembered.size >= REMEMBERED_PATHS) remembered.clear();
      remembered.set(key, template);
    }
    return template;
  };
}

function findTemplate(app: RoutedApp, method: string, path: string): string {
  for (const layer of app.router?.stack ?? []) {
    const route = layer.route;
    if (!route || !(route.methods[method] || route.methods._all || (method === 'head' && route.methods.get)))
      continue;
    if (layer.match(path)) return route.path;
  }
  return UNMATCHED_ROUTE;
}

export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}
