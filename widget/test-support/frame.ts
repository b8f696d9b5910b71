/** A second page for the resume-after-reload test: it only registers the element. */
import '../image-uploader.js';

document.body.dataset.ready = 'true';
