import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageStatus, ImageSummary } from '../../contract/index.js';
import { LIVE_POLL_MS, createStatusPoller, pollDelay, type StatusPollerOptions } from './status-poller.js';

const summary = (id: string, status: ImageStatus): ImageSummary => ({
  id,
  key: `uploads/o/${id}/original.jpg`,
  size: 1,
  type: 'image/jpeg',
  createdAt: new Date(0).toISOString(),
  status,
  visibility: 'private',
  thumbnails: [],
});

/** A fake signer: each image turns `ready` after `readyAfter` answers. */
function fakeSigner(readyAfter: Record<string, number>) {
  const asked: string[] = [];
  const answer = (id: string) => {
    readyAfter[id]! -= 1;
    return summary(id, readyAfter[id]! <= 0 ? 'ready' : 'processing');
  };
  const options: StatusPollerOptions = {
    getImage: async (id) => {
      asked.push(id);
      if (!(id in readyAfter)) throw Object.assign(new Error('gone'), { code: 'ERR_NOT_FOUND' });
      return answer(id);
    },
    listImages: async () => {
      asked.push('*list*');
      return Object.keys(readyAfter).map(answer);
    },
    onUpdate: vi.fn(),
    onGone: vi.fn(),
  };
  return { asked, options };
}

describe('createStatusPoller', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  describe('pollDelay', () => {
    it('starts at 100 ms, grows, and stays at 5 s', () => {
      expect(pollDelay(0)).toBe(100);
      expect(pollDelay(1)).toBeGreaterThan(pollDelay(0));
      expect(pollDelay(50)).toBe(5000);
    });
  });

  describe('a few images', () => {
    it('asks by id until each is no longer processing, then stops', async () => {
      const { asked, options } = fakeSigner({ a: 1, b: 3 });
      const poller = createStatusPoller(options);
      poller.watch('a');
      poller.watch('b');
      await vi.advanceTimersByTimeAsync(100);
      expect(asked).toEqual(['a', 'b']);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(asked).toEqual(['a', 'b', 'b', 'b']);
      expect(options.onUpdate).toHaveBeenLastCalledWith(
        expect.objectContaining({ id: 'b', status: 'ready' }),
      );
      expect(vi.getTimerCount()).toBe(0);
    });

    it('reports an image deleted meanwhile as gone', async () => {
      const { options } = fakeSigner({});
      createStatusPoller(options).watch('deleted');
      await vi.advanceTimersByTimeAsync(100);
      expect(options.onGone).toHaveBeenCalledWith('deleted');
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  describe('many images', () => {
    it('reads one listing per poll instead of one request per image', async () => {
      const { asked, options } = fakeSigner({ a: 1, b: 1, c: 1, d: 1, e: 1 });
      const poller = createStatusPoller(options);
      for (const id of ['a', 'b', 'c', 'd', 'e']) poller.watch(id);
      await vi.advanceTimersByTimeAsync(100);
      expect(asked).toEqual(['*list*']);
      expect(options.onUpdate).toHaveBeenCalledTimes(5);
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  describe('while the event stream is live', () => {
    it('polls only every LIVE_POLL_MS, and quickly again once the stream is down', async () => {
      const { asked, options } = fakeSigner({ a: Infinity });
      const poller = createStatusPoller(options);
      poller.setLive(true);
      poller.watch('a');
      await vi.advanceTimersByTimeAsync(LIVE_POLL_MS - 1);
      expect(asked).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(asked).toEqual(['a']);
      poller.setLive(false);
      await vi.advanceTimersByTimeAsync(100);
      expect(asked).toEqual(['a', 'a']);
      poller.stop();
    });

    it('asks about every watched image at once on check()', async () => {
      const { asked, options } = fakeSigner({ a: 1 });
      const poller = createStatusPoller(options);
      poller.setLive(true);
      poller.watch('a');
      poller.check();
      await vi.advanceTimersByTimeAsync(0);
      expect(asked).toEqual(['a']);
      expect(options.onUpdate).toHaveBeenCalledWith(expect.objectContaining({ id: 'a', status: 'ready' }));
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  describe('giving up', () => {
    it('stops watching an image that stays processing past maxWaitMs', async () => {
      const { asked, options } = fakeSigner({ slow: Infinity });
      createStatusPoller({ ...options, maxWaitMs: 20_000 }).watch('slow');
      await vi.advanceTimersByTimeAsync(60_000);
      const polls = asked.length;
      await vi.advanceTimersByTimeAsync(60_000);
      expect(asked.length).toBe(polls);
      expect(vi.getTimerCount()).toBe(0);
    });
  });
});
