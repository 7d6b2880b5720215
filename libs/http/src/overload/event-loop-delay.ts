/**
 * Samples how late the event loop runs a timer: a timer due every `intervalMs` that fires `d` ms
 * late means every callback queued meanwhile (requests included) waited about `d` ms more. One
 * unref'd timer, so an idle service wakes only `1000 / intervalMs` times a second and can still exit.
 * Returns a function that stops the sampling.
 */
export function sampleEventLoopDelay(intervalMs: number, onSample: (delayMs: number) => void): () => void {
  let expectedAt = performance.now() + intervalMs;
  const timer = setInterval(() => {
    const now = performance.now();
    onSample(Math.max(0, now - expectedAt));
    expectedAt = now + intervalMs;
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
