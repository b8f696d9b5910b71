/**
 * The public wall page: no sign-in; `<public-wall>` reads the app server's list and event stream.
 */
import './shared/public-wall.js';
import { config } from './shared/config.js';
import { showPublicHeader } from './shared/demo-shell.js';

showPublicHeader();
const wall = document.querySelector('public-wall')!;
if (config.appServerUrl) wall.appServer = config.appServerUrl;
