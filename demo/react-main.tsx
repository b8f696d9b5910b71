/**
 * The React 19 host page. React 19 sets a custom element's properties (`getToken`) and listens
 * to its events through `on<event-name>` props, so the element needs no wrapper.
 */
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'image-uploader-element/react';
import './shared/image-gallery.js';
import type { Visibility } from 'image-uploader-element';
import type { ImageGallery } from './shared/image-gallery.js';
import type { Auth } from './shared/auth.js';
import { config } from './shared/config.js';
import { startDemo } from './shared/demo-shell.js';

function App({ auth }: { auth: Auth }) {
  const gallery = useRef<ImageGallery>(null);
  const [status, setStatus] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('private');

  useEffect(() => void gallery.current?.refresh(), []);

  return (
    <>
      <h1>Upload</h1>
      <p className="lede">React renders the element; its events update the gallery below.</p>
      <fieldset className="visibility-choice">
        <legend>New uploads are</legend>
        {(['private', 'public'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="visibility"
              value={value}
              checked={visibility === value}
              onChange={() => setVisibility(value)}
            />{' '}
            {value === 'private' ? 'Private: only you' : 'Public: anyone with the link'}
          </label>
        ))}
      </fieldset>
      <image-uploader
        endpoint={config.signerUrl}
        multiple
        visibility={visibility}
        getToken={() => auth.getAccessToken()}
        onupload-success={(event) => gallery.current?.track(event.detail.id, event.detail.file.name)}
        onupload-complete={({ detail }) =>
          setStatus(`${detail.succeeded.length} uploaded, ${detail.failed.length} failed.`)
        }
      />
      <p className="lede" role="status">
        {status}
      </p>
      <h2>My images</h2>
      <image-gallery
        ref={gallery}
        endpoint={config.signerUrl}
        getToken={auth.getAccessToken}
        appServer={config.appServerUrl ?? ''}
      />
    </>
  );
}

const auth = await startDemo();
if (auth?.user) {
  createRoot(document.getElementById('app')!).render(
    <StrictMode>
      <App auth={auth} />
    </StrictMode>,
  );
}
