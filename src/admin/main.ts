/** Entry of the page at /admin: registers the elements; index.html holds `<bk-admin-app>`. */
import './define.js';
