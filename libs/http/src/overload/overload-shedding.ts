import type { INestApplication } from '@nestjs/common';
import { AdmissionControl } from './admission-control';
import { sampleEventLoopDelay } from './event-loop-delay';
import { overloadOptionsFromEnv, type OverloadOptions } from './overload-options';
import { routeTemplateResolver } from './route-templates';
import { shedOverload } from './shed-overload.middleware';

/**
 * Puts overload shedding in front of everything else of the app (call it before any other
 * `app.use`) and samples the event loop while the HTTP server is open. Returns the admission
 * control, or undefined when shedding is turned off.
 */
export function installOverloadShedding(
  app: INestApplication,
  options: OverloadOptions = overloadOptionsFromEnv(),
): AdmissionControl | undefined {
  if (!options.enabled) return undefined;
  const admission = new AdmissionControl(options);
  const stopSampling = sampleEventLoopDelay(options.sampleIntervalMs, (delayMs) =>
    admission.observeEventLoopDelay(delayMs),
  );
  (app.getHttpServer() as NodeJS.EventEmitter).once('close', stopSampling);
  const routeOf = routeTemplateResolver(app.getHttpAdapter().getInstance());
  app.use(shedOverload(admission, options.retryAfterSeconds, routeOf));
  return admission;
}
