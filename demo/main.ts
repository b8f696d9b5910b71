/**
 * The plain TypeScript host page: `<image-uploader>` imported as an ES module, wired with
 * `getToken` and its typed events.
 */
import 'image-uploader-element';
import type { Visibility } from 'image-uploader-element';
import './shared/image-gallery.js';
import { config } from './shared/config.js';
import { startDemo } from './shared/demo-shell.js';

const auth = await startDemo();
if (auth?.user) {
  const uploader = document.querySelector('image-uploader')!;
  const gallery = document.querySelector('image-gallery')!;
  uploader.endpoint = config.signerUrl;
  uploader.getToken = () => auth.getAccessToken();
  gallery.endpoint = config.signerUrl;
  // The gallery passes `{ forceRefresh: true }` after a 401.
  gallery.getToken = auth.getAccessToken;
  // The app server's event stream updates the tiles; without one the gallery polls the signer.
  gallery.appServer = config.appServerUrl ?? '';

  // Each file is uploaded with the visibility chosen when it was added.
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="visibility"]')) {
    radio.addEventListener('change', () => (uploader.visibility = radio.value as Visibility));
  }
  uploader.addEventListener('upload-success', (event) =>
    gallery.track(event.detail.id, event.detail.file.name),
  );
  void gallery.refresh();
}
