import type { AxeResults } from 'axe-core';

/**
 * Runs axe-core (loaded once, from node_modules) on `element`, open shadow roots included, and
 * returns each violation as `rule: the offending nodes' HTML`; none is `[]`.
 */
export async function axeViolations(element: Element): Promise<string[]> {
  const global = window as unknown as { axe?: { run(context: Element): Promise<AxeResults> } };
  if (!global.axe) {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    document.head.append(script);
    await new Promise((resolve) => script.addEventListener('load', resolve));
  }
  const { violations } = await global.axe!.run(element);
  return violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`,
  );
}
