/** Side-effect module: registers the coordinator page's elements. */
import { defineAdminElements } from './elements.js';

defineAdminElements();
