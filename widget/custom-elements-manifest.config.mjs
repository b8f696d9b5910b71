/**
 * @custom-elements-manifest/analyzer settings for `npm run build` (run from `widget/`; writes widget/dist/custom-elements.json).
 * The analyzer also guesses events from `dispatchEvent(new SomeEvent(detail))` calls and names
 * them after variables; the `@event` JSDoc tags are the real list, so the guesses are dropped.
 */
export default {
  globs: ['image-uploader.ts', 'events/*.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      name: 'keep-documented-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events)
              declaration.events = declaration.events.filter((event) => event.description);
          }
        }
      },
    },
  ],
};
