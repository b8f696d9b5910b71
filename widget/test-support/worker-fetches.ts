/**
 * Run in the image Worker by a test (`dispatch({ call: [this module's URL, 'workerFetches'] })`):
 * the URLs the Worker has fetched, from its own Resource Timing (a Worker's fetches are not in
 * the page's).
 */
export function workerFetches(): string[] {
  return performance.getEntriesByType('resource').map((entry) => entry.name);
}
