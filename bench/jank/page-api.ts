/**
 * What the jank benchmark's page (page.ts) offers Node through `window.jank`. Apart from page.ts,
 * which imports the competitors, so that the root typecheck needs only the project's own packages.
 */

/** The uploaders the benchmark compares. */
export const UPLOADERS = ['widget', 'uppy', 'filepond'] as const;
export type UploaderName = (typeof UPLOADERS)[number];

export interface JankSetup {
  signerUrl: string;
  token: string;
}

/** One long task (Long Tasks API), in ms from the moment the files were added. */
export interface LongTask {
  start: number;
  duration: number;
}

export interface JankRun {
  /** From adding the files until every upload settled (succeeded or failed). */
  wallMs: number;
  /** Until the main thread had been quiet (no long task) for `QUIET_MS` after that, or the cap. */
  windowMs: number;
  /** Every long task in the window. */
  longTasks: LongTask[];
  succeeded: number;
  failed: number;
  /** The first failures' messages, for the log. */
  errors: string[];
  /** The stored objects' keys, checked and deleted by Node. */
  keys: string[];
}

export interface JankPage {
  /**
   * Creates `who` in the page, adds every file picked in the page's `<input type="file">` at once,
   * and resolves when all uploads settled and the main thread was quiet for a while.
   */
  run(who: UploaderName, setup: JankSetup): Promise<JankRun>;
}

declare global {
  interface Window {
    jank: JankPage;
  }
}
