import type { ViewContext } from '../platform/layout/context.ts';
import { REPORT_GRACE_MINUTES } from './forum.closing.ts';

/**
 * Inside the facilitator's "close the forum" form: the reports still being written, and the box
 * to tick to close anyway (decision 0032). Their text is still taken during the grace period.
 */
export function CloseWarning({ ctx, writing }: { ctx: ViewContext; writing: Array<{ id: string; title: string }> }) {
  if (writing.length === 0) return null;
  return (
    <div class="notice forum-close-warning" role="status">
      <p>{ctx.t('forum.close.writing', { n: writing.length, titles: writing.map((w) => `« ${w.title} »`).join(', ') })}</p>
      <label class="checkbox">
        <input type="checkbox" name="confirm" value="1" />
        {ctx.t('forum.close.confirm', { minutes: REPORT_GRACE_MINUTES })}
      </label>
    </div>
  );
}
