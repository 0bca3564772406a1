// Progressive enhancement only: every page works without this file.
import { initAll } from '/js/govuk.js';
import { initAll as initMoj } from '/js/moj.js';

initAll();
initMoj();
