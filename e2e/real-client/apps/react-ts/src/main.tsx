/**
 * A React 19 app as a user writes it: one import registers <image-uploader> and types it in JSX.
 * The page takes the signer's URL from `?endpoint=` and the bearer token from sessionStorage.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'image-uploader-element/react';
import type { UploadSuccessEvent } from 'image-uploader-element';

const endpoint = new URLSearchParams(location.search).get('endpoint') ?? '';

function App() {
  const [stored, setStored] = useState<{ id: string; key: string } | null>(null);
  const [failure, setFailure] = useState('');

  const onSuccess = (event: UploadSuccessEvent) => {
    const { id, key }: { id: string; key: string } = event.detail;
    setStored({ id, key });
  };

  return (
    <main>
      <h1>Photos</h1>
      <image-uploader
        endpoint={endpoint}
        multiple
        maxFiles={3}
        getToken={() => sessionStorage.getItem('token')}
        onupload-success={onSuccess}
        onupload-error={(event) => setFailure(`${event.detail.code}: ${event.detail.message}`)}
        onupload-complete={(event) => {
          // @ts-expect-error `detail` is typed: an image id is a string, not a number
          const id: number = event.detail.succeeded[0]!.id;
          void id;
        }}
      />
      <output id="stored" data-id={stored?.id} data-key={stored?.key}>
        {stored ? `Stored ${stored.key}` : ''}
      </output>
      <output id="failure">{failure}</output>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
