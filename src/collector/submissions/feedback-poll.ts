/**
 * `<feedback-poll>`: a response, checked against its poll (built-in or the site's own) and its
 * period; rate-limited per poll and visitor on top of the submissions limit.
 */
import { pollResponseIssues, pollResponseSubmissionSchema, toFieldIssues, type PollResponseSubmission } from '../../schema/index.js';
import { invalid, tooManyRequests } from '../http.js';
import { today } from '../polls/period.js';
import { findSitePoll } from '../polls/polls.js';
import { submissionKind } from './kind.js';

export const feedbackPoll = submissionKind({
  widget: 'feedback-poll',
  envelopes: [pollResponseSubmissionSchema],

  parse(body): PollResponseSubmission {
    const parsed = pollResponseSubmissionSchema.safeParse(body);
    if (!parsed.success) throw invalid(toFieldIssues(parsed.error));
    return parsed.data;
  },

  async check(envelope, { request, site, app }) {
    const { data } = envelope;
    const poll = await findSitePoll(app.store, site, data.pollId);
    if (!poll) throw invalid([{ path: 'data.pollId', message: 'There is no poll with this id', code: 'unknown_poll' }]);
    const issues = pollResponseIssues(poll, data);
    // A poll tied to a period takes answers given in it (by the browser's clock: the outbox may deliver later).
    if (poll.period) {
      const day = today(new Date(envelope.sentAt), site.timeZone);
      if (day < poll.period.from || day > poll.period.to) {
        issues.push({ path: 'data.pollId', message: 'This poll is closed', code: 'poll_closed' });
      }
    }
    if (issues.length) throw invalid(issues);
    const decision = await app.limiter.hit('polls', `${site.slug}:${poll.id}`, request.ip);
    if (!decision.allowed) {
      throw tooManyRequests(decision.retryAfterSeconds, 'Too many answers to this poll; try again later');
    }
    return poll;
  },

  async store({ data }, poll, record, { app }) {
    return app.store.polls.insertResponse(record, {
      pollId: poll.id,
      answer: data.answer ?? null,
      statements: data.statements ?? null,
      comment: data.comment ?? null,
      respondentType: data.respondentType ?? null,
      story: data.story ?? null,
      activityId: data.activityId ?? poll.activityId ?? null,
      mode: data.mode ?? null,
    });
  },
});
