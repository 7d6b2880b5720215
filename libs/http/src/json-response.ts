/**
 * Public reads answer with JSON text straight from the cache: the handler returns the string and the
 * route declares this content type, so a cache hit costs no JSON.parse and no JSON.stringify.
 */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
