/** `<idea-box>`: an idea, stored with its moderation state; votes have their own route. */
import { ideaSubmissionSchema, toFieldIssues, type IdeaSubmission } from '../../schema/index.js';
import { invalid } from '../http.js';
import { submissionKind } from './kind.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const ideaBox = submissionKind({
  widget: 'idea-box',
  envelopes: [ideaSubmissionSchema],

  parse(body): IdeaSubmission {
    if (isRecord(body) && isRecord(body.data) && body.data.kind === 'vote') {
      throw invalid([{ path: 'data.kind', message: 'Send votes to /v1/sites/:site/ideas/:ideaId/votes', code: 'wrong_route' }]);
    }
    const parsed = ideaSubmissionSchema.safeParse(body);
    if (!parsed.success) throw invalid(toFieldIssues(parsed.error));
    return parsed.data;
  },

  async store(envelope, _checked, record, { request, site, app }) {
    if (record.consent && record.consent.textHash === null) {
      // Accepted all the same (a newer widget may be ahead of us), but an operator should know.
      request.log.warn(
        { site: site.slug, textVersion: record.consent.textVersion, locale: record.locale },
        'consent text version not known to this collector; stored without a hash',
      );
    }
    return app.store.ideas.insert(record, {
      text: envelope.data.text,
      category: envelope.data.category ?? null,
      role: envelope.data.role ?? null,
      wantsToHelp: envelope.data.wantsToHelp,
      name: envelope.data.name ?? null,
      contact: envelope.data.contact ?? null,
      consentVersion: envelope.consent?.textVersion ?? null,
      consentGivenAt: record.consent?.givenAt ?? null,
      consentHash: record.consent?.textHash ?? null,
    });
  },
});
