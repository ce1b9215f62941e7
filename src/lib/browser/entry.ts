/**
 * Where the script of every page lives: its source, and the fixed path the build gives it
 * (vite.config.ts emits it into the client build; the root layout names it in every page).
 * A fixed path, because the layout is rendered by the server build, which runs first; the
 * service worker precaches it with a revision, so an installed app never mixes versions.
 */
export const PAGE_SCRIPT_SOURCE = './src/lib/browser/page.ts';
export const PAGE_SCRIPT = '/_app/page.js';
/** In development Vite serves the source itself. */
export const PAGE_SCRIPT_DEV = '/src/lib/browser/page.ts';
