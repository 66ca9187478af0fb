/** Registers `<feedback-poll>` (guarded: a second copy of the bundle does nothing). */
import { FeedbackPoll } from '../widgets/feedback-poll/feedback-poll.js';

FeedbackPoll.define('feedback-poll');

declare global {
  interface HTMLElementTagNameMap {
    'feedback-poll': FeedbackPoll;
  }
}
