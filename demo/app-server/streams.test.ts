import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../../signer/test-support/key-server.js';
import type { WallPage } from './app.js';
import { deletedEventOf, deliver, readyEvent, rejectedEvent } from './test-support/image-event-fixtures.js';
import { recordStream, type StreamRecorder } from './test-support/stream-recorder.js';
import { startTestAppServer, type TestAppServer } from './test-support/test-app-server.js';
import type { WallImage } from './wall-image.js';

const CDN = 'http://cdn.test';
const AUDIENCE = 'http://signer.test';
let idp: TestIssuer;
let server: TestAppServer;
const streams: StreamRecorder[] = [];

beforeAll(async () => {
  idp = await startTestIssuer(AUDIENCE);
  server = await startTestAppServer({ issuer: idp.issuer, audience: AUDIENCE, heartbeatMs: 100 });
});
afterEach(() => streams.splice(0).forEach((stream) => stream.close()));
afterAll(async () => {
  await server?.dispose();
  await idp?.close();
});

function open(path: string, token?: () => Promise<string>): StreamRecorder {
  const stream = recordStream(server.url + path, { ...(token && { getToken: token }) });
  streams.push(stream);
  return stream;
}

const send = (event: Parameters<typeof deliver>[1]) =>
  deliver(server.webhookUrl, event, { secret: server.secret });

describe('GET /api/wall', () => {
  it('lists public ready images newest first, without identity, metadata or name', async () => {
    const older = await readyEvent(
      { visibility: 'public', name: 'passport.jpg', createdAt: new Date(Date.now() - 5000) },
      CDN,
    );
    const newer = await readyEvent({ visibility: 'public' }, CDN);
    const hidden = await readyEvent({ visibility: 'private' }, CDN);
    // Private, though a sender put public links in: visibility decides.
    const linked = await readyEvent({ visibility: 'public' }, CDN);
    const privateLinked = { ...linked, data: { ...linked.data, visibility: 'private' as const } };
    const rejected = await rejectedEvent({ visibility: 'public' });
    for (const event of [older, hidden, privateLinked, rejected, newer])
      expect((await send(event)).status).toBe(200);

    const response = await fetch(`${server.url}/api/wall`, { headers: { origin: 'http://localhost:5173' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const page = (await response.json()) as WallPage;
    const ids = page.images.map((image) => image.id);
    expect(ids.slice(0, 2)).toEqual([newer.data.id, older.data.id]);
    expect(ids).not.toContain(hidden.data.id);
    expect(ids).not.toContain(linked.data.id);
    expect(ids).not.toContain(rejected.data.id);
    const shown = page.images[1]!;
    expect(Object.keys(shown).sort()).toEqual([
      'height',
      'id',
      'publishedAt',
      'src',
      'srcset',
      'thumbhash',
      'width',
    ]);
    expect(shown).toMatchObject({ width: 1600, height: 1200, src: `${CDN}/public/${older.data.id}/720.jpg` });
    expect(JSON.stringify(page)).not.toMatch(/alice|issuer\.test|passport|listing/);
  });

  it('pages with a cursor without repeating or skipping an image', async () => {
    const ids = new Set<string>();
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '1', ...(cursor && { cursor }) });
      const page = (await (await fetch(`${server.url}/api/wall?${query}`)).json()) as WallPage;
      for (const image of page.images) {
        expect(ids.has(image.id)).toBe(false);
        ids.add(image.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await (await fetch(`${server.url}/api/wall`)).json()) as WallPage;
    expect([...ids]).toEqual(all.images.map((image) => image.id));
  });
});

describe('GET /api/wall/events', () => {
  it('sends a new public image to a connected client, not a private one, and its removal', async () => {
    const wall = open('/api/wall/events');
    await wall.live();
    const hidden = await readyEvent({ visibility: 'private' }, CDN);
    const shown = await readyEvent({ visibility: 'public' }, CDN);
    await send(hidden);
    await send(shown);
    const message = await wall.next((m) => m.event === 'image');
    const image = JSON.parse(message.data) as WallImage;
    expect(image.id).toBe(shown.data.id);
    expect(message.data).not.toMatch(/alice|listing/);
    await send(await deletedEventOf(shown));
    const removed = await wall.next((m) => m.event === 'removed');
    expect(JSON.parse(removed.data)).toEqual({ id: shown.data.id });
    expect(wall.messages.filter((m) => m.event === 'image')).toHaveLength(1);
  });

  it('sends heartbeats while idle and resumes from Last-Event-ID after a reconnect', async () => {
    const wall = open('/api/wall/events');
    await wall.live();
    const body = await fetch(`${server.url}/api/wall/events`).then(async (response) => {
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (!text.includes(': keep-alive')) text += (await reader.read()).value;
      await reader.cancel();
      return text;
    });
    expect(body).toContain(': keep-alive');
    const before = Number(wall.messages.at(-1)!.lastEventId);
    // Two images arrive while this client is away; it asks for what came after `before`.
    const [a, b] = [
      await readyEvent({ visibility: 'public' }, CDN),
      await readyEvent({ visibility: 'public' }, CDN),
    ];
    await send(a);
    await send(b);
    const resumed = await fetch(`${server.url}/api/wall/events`, {
      headers: { 'last-event-id': String(before) },
    });
    const reader = resumed.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('event: ready')) text += (await reader.read()).value;
    await reader.cancel();
    expect(text.indexOf(a.data.id)).toBeGreaterThan(-1);
    expect(text.indexOf(b.data.id)).toBeGreaterThan(text.indexOf(a.data.id));
  });

  it('tells a client whose Last-Event-ID the store cannot resume from to reload (reset)', async () => {
    const response = await fetch(`${server.url}/api/wall/events`, { headers: { 'last-event-id': '999999' } });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('event: ready')) text += (await reader.read()).value;
    await reader.cancel();
    expect(text).toMatch(/^event: reset/);
  });
});

describe('GET /api/my/events', () => {
  it('refuses a request without a token, with a bad token, or with another audience', async () => {
    const none = await fetch(`${server.url}/api/my/events`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const forged = await idp.sign({ sub: 'alice' });
    const bad = await fetch(`${server.url}/api/my/events`, {
      headers: { authorization: `Bearer ${forged.slice(0, -4)}AAAA` },
    });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    const elsewhere = await idp.sign({ sub: 'alice', aud: 'http://another.test' });
    const wrongAudience = await fetch(`${server.url}/api/my/events`, {
      headers: { authorization: `Bearer ${elsewhere}` },
    });
    expect(wrongAudience.status).toBe(401);
    const expired = await idp.sign({ sub: 'alice', exp: Math.floor(Date.now() / 1000) - 120 });
    const late = await fetch(`${server.url}/api/my/events`, {
      headers: { authorization: `Bearer ${expired}` },
    });
    expect(late.status).toBe(401);
  });

  it("streams only the caller's own events (issuer and subject), with the rejection reason", async () => {
    const alice = open('/api/my/events', () => idp.sign({ sub: 'alice' }));
    await alice.live();
    const bobs = await readyEvent({ iss: idp.issuer, sub: 'bob' }, CDN);
    const otherIssuers = await readyEvent({ iss: 'http://elsewhere.test', sub: 'alice' }, CDN);
    const mine = await rejectedEvent({ iss: idp.issuer, sub: 'alice' });
    for (const event of [bobs, otherIssuers, mine]) await send(event);
    const message = await alice.next((m) => m.event === 'image.rejected');
    expect(JSON.parse(message.data)).toMatchObject({
      type: 'image.rejected',
      data: { id: mine.data.id, code: 'ERR_NOT_AN_IMAGE', reason: expect.stringContaining('not an image') },
    });
    await send(await deletedEventOf(mine));
    await alice.next((m) => m.event === 'image.deleted');
    const ids = alice.messages
      .filter((m) => m.event.startsWith('image.'))
      .map((m) => JSON.parse(m.data).data.id);
    expect(ids).toEqual([mine.data.id, mine.data.id]);
  });

  it('ends the stream when the token expires; the client reconnects with a fresh token', async () => {
    let tokens = 0;
    const alice = open('/api/my/events', () => {
      tokens += 1;
      // `exp` has whole seconds: '3s' signed at x.9 s lives 2.1 s, long enough to go live on a
      // loaded CI machine ('1s' could expire 0.1 s after signing, before the stream was ready).
      return idp.sign({ sub: 'alice' }, { expiresIn: tokens === 1 ? '3s' : '5m' });
    });
    await alice.live();
    // The server closes at `exp` (jose's tolerance does not keep a stream open past it).
    await expect.poll(() => alice.statuses, { timeout: 8000 }).toEqual(['live', 'down', 'live']);
    expect(tokens).toBe(2);
    const mine = await readyEvent({ iss: idp.issuer, sub: 'alice' }, CDN);
    await send(mine);
    await alice.next((m) => m.event === 'image.ready' && m.data.includes(mine.data.id));
  });
});
