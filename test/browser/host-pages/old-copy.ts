// "An older copy of buurtkit" on a foreign host page: the real <idea-box> class, registered first
// under an older version number, as an earlier bundle on the page would have done.
import { IdeaBox } from '../../../src/widgets/idea-box/idea-box.js';

class OldIdeaBox extends IdeaBox {
  static override readonly version: string = '0.0.9';
}
customElements.define('idea-box', OldIdeaBox);
