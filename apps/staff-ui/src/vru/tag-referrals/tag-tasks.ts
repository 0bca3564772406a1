import type { Request } from 'express';
import { GatewayClient } from '../../gateway/gateway.client';
import { ApiRejectedError } from '../../gateway/gateway.errors';
import { listPage } from '../../web/list';
import { pick } from '../vru-view';

/** A task raised by an episode or a device event (GET /tag-referrals/tasks). */
export interface TagTask extends Record<string, unknown> {
  id: string;
  kind: string;
  referralId: string | null;
  assignee: string;
  dueOn: string | null;
  summary: string;
  createdAt: string;
  doneAt: string | null;
}

/** The kinds apps/tag-referrals raises (episode workflow, device events, removal, inspection, follow-up). */
export const TAG_TASK_KINDS = [
  'DATA_REVIEW',
  'CONTACT',
  'PLANNED_END_REMINDER',
  'REMOVAL',
  'REMOVAL_OVERDUE',
  'OUTCOME_AT_CLOSURE',
  'FOLLOW_UP',
  'TAG_AVAILABLE',
] as const;
const STATES = ['open', 'done', 'all'] as const;

/**
 * The VRU task list: the caller's tasks (assigned to them or one of their roles; the API decides which), filtered
 * by state and kind, sorted and paged here with the state in the query string; and marking a task done.
 */
export class TagTasksView {
  constructor(private readonly gateway: GatewayClient) {}

  async list(req: Request, q: Record<string, string>) {
    const state = pick(q.state, STATES) ?? 'open';
    const kind = pick(q.kind, TAG_TASK_KINDS);
    const items = await this.gateway.get<TagTask[]>(req, '/tag-referrals/tasks', { query: { state } });
    const { rows, total, head, pagination } = listPage(
      q,
      items.filter((t) => !kind || t.kind === kind),
      {
        base: '/vru/tasks',
        filters: { state, kind },
        columns: [
          { key: 'dueOn', text: 'Due' },
          { key: 'kind', text: 'Kind' },
          { text: 'Task' },
          { key: 'createdAt', text: 'Raised' },
          { text: 'Action' },
        ],
        defaults: { sort: 'dueOn', order: 'asc' },
      },
    );
    return {
      rows,
      total,
      truncated: items.length >= 200,
      filters: { state, kind },
      states: STATES,
      kinds: TAG_TASK_KINDS,
      head,
      pagination,
    };
  }

  /** Marks a task done; a task already done (or someone else's) is reported, nothing else changes. */
  async complete(req: Request, taskId: string): Promise<void> {
    try {
      await this.gateway.post(req, `/tag-referrals/tasks/${taskId}/done`, undefined);
      req.session.flash = { kind: 'success', text: 'Task marked as done' };
    } catch (err) {
      if (!(err instanceof ApiRejectedError)) throw err;
      req.session.flash = { kind: 'info', text: `Nothing was changed: ${err.message}` };
    }
  }
}
