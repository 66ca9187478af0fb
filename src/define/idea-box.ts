/** Registers `<idea-box>` (guarded: a second copy of the bundle does nothing). */
import { IdeaBox } from '../widgets/idea-box/idea-box.js';

IdeaBox.define('idea-box');

declare global {
  interface HTMLElementTagNameMap {
    'idea-box': IdeaBox;
  }
}
