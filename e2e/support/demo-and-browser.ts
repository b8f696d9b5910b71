/**
 * The set-up most e2e files share: the demo environment and a Chromium, started before the file's
 * tests (in parallel) and stopped after them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import {
  startDemoEnvironment,
  type DemoEnvironment,
  type DemoEnvironmentOptions,
} from './demo-environment.js';

/** What {@link useDemoAndBrowser} starts; its fields are set once `beforeAll` has run. */
export interface DemoAndBrowser {
  env: DemoEnvironment;
  browser: Browser;
}

/** Registers `beforeAll`/`afterAll` hooks that start and stop the demo and Chromium. */
export function useDemoAndBrowser(options?: DemoEnvironmentOptions): DemoAndBrowser {
  const started = {} as Partial<DemoAndBrowser>;
  beforeAll(async () => {
    [started.env, started.browser] = await Promise.all([startDemoEnvironment(options), launchChromium()]);
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.env?.close();
  });
  return started as DemoAndBrowser;
}
