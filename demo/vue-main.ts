/**
 * The Vue 3 host page. Vue is told that `image-*` tags are custom elements; `.getToken` binds a
 * DOM property and `@upload-success` listens to the element's typed event. The template is
 * compiled in the browser (the demo aliases `vue` to its full build; an app would use an SFC).
 */
import { createApp, defineComponent, onMounted, ref } from 'vue';
import 'image-uploader-element/vue';
import './shared/image-gallery.js';
import type { UploadCompleteEvent, UploadSuccessEvent, Visibility } from 'image-uploader-element';
import type { ImageGallery } from './shared/image-gallery.js';
import { config } from './shared/config.js';
import { startDemo } from './shared/demo-shell.js';

const auth = await startDemo();
if (auth?.user) {
  const App = defineComponent({
    setup() {
      const gallery = ref<ImageGallery>();
      const status = ref('');
      const visibility = ref<Visibility>('private');
      const getToken = () => auth.getAccessToken();
      const galleryToken = auth.getAccessToken;
      const onSuccess = (event: UploadSuccessEvent) =>
        gallery.value?.track(event.detail.id, event.detail.file.name);
      const onComplete = ({ detail }: UploadCompleteEvent) =>
        (status.value = `${detail.succeeded.length} uploaded, ${detail.failed.length} failed.`);
      onMounted(() => void gallery.value?.refresh());
      return {
        endpoint: config.signerUrl,
        appServer: config.appServerUrl ?? '',
        getToken,
        galleryToken,
        onSuccess,
        onComplete,
        gallery,
        status,
        visibility,
      };
    },
    template: `
      <h1>Upload</h1>
      <p class="lede">Vue renders the element; its events update the gallery below.</p>
      <fieldset class="visibility-choice">
        <legend>New uploads are</legend>
        <label><input type="radio" name="visibility" value="private" v-model="visibility" /> Private: only you</label>
        <label><input type="radio" name="visibility" value="public" v-model="visibility" /> Public: anyone with the link</label>
      </fieldset>
      <image-uploader
        :endpoint="endpoint"
        multiple
        :visibility="visibility"
        .getToken="getToken"
        @upload-success="onSuccess"
        @upload-complete="onComplete"
      ></image-uploader>
      <p class="lede" role="status">{{ status }}</p>
      <h2>My images</h2>
      <image-gallery ref="gallery" :endpoint="endpoint" :app-server="appServer" .getToken="galleryToken"></image-gallery>
    `,
  });
  const app = createApp(App);
  app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('image-');
  app.mount('#app');
}
