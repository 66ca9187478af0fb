/** Projections shared by every store implementation. */
import type { AdminIdea, PublishedIdea } from '../../schema/index.js';

/** The public projection: an explicit allow-list, so a new private column cannot leak by default. */
export function toPublishedIdea(i: AdminIdea): PublishedIdea {
  return {
    id: i.id,
    text: i.text,
    category: i.category,
    status: i.status,
    statusReason: i.statusReason,
    publicAnswer: i.publicAnswer,
    votes: i.votes,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}
