import type { PropertyDeclarations, PropertyValues } from 'lit';
import type { AdminIdea } from '../../schema/admin.js';
import { AdminElement } from '../shared/admin-element.js';
import type { IdeaGroupsApi } from '../shared/api.js';

/**
 * Base of the parts of the idea detail that change one idea through the idea-groups API (its
 * tags, merging it): the idea, the API, whether the token may change it, and a busy / message /
 * failed state that is cleared when another idea is shown.
 */
export class IdeaActionElement extends AdminElement {
  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    idea: { attribute: false },
    api: { attribute: false },
    canEdit: { type: Boolean, attribute: 'can-edit' },
    busy: { state: true },
    message: { state: true },
    failed: { state: true },
  };

  declare idea: AdminIdea | undefined;
  declare api: IdeaGroupsApi | undefined;
  declare canEdit: boolean;
  declare busy: boolean;
  declare message: string;
  declare failed: boolean;

  constructor() {
    super();
    this.canEdit = false;
    this.busy = false;
    this.message = '';
    this.failed = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('idea') as AdminIdea | undefined;
    if (changed.has('idea') && previous && previous.id !== this.idea?.id) this.forgetIdea();
  }

  /** Clears what belonged to the idea shown before; subclasses clear their own drafts too. */
  protected forgetIdea(): void {
    this.message = '';
    this.failed = false;
  }

  protected say(message: string, failed = false): void {
    this.message = message;
    this.failed = failed;
  }
}
