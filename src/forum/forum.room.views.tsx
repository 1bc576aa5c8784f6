import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf } from '../platform/layout/forms.tsx';
import { formatTime } from '../platform/format.ts';
import type { RoomState } from './forum.read.ts';

/** Minutes and seconds left, as the wall and phones show them ("12:05"), from the stored end time. */
export function timeLeft(endsAt: string, now = Date.now()): { seconds: number; text: string } {
  const seconds = Math.max(0, Math.round((Date.parse(endsAt) - now) / 1000));
  return { seconds, text: `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}` };
}

/**
 * The room's timer and the facilitator's announcement, drawn by the server only (0020, 0036).
 * The wall carries it among its live parts; phones receive it again, rendered in their language,
 * from the room's own stream. `room.js` counts the seconds down and rings once at zero.
 */
export function RoomBanner({ ctx, room, slug, wall = false }: { ctx: ViewContext; room: RoomState; slug: string; wall?: boolean }) {
  const left = room.timer ? timeLeft(room.timer.endsAt) : null;
  return (
    <div
      id="forum-room"
      data-live
      class={`forum-room${wall ? ' forum-room-wall' : ''}`}
      data-room-stream={wall ? undefined : `/forums/${slug}/salle/flux`}
      data-labels={JSON.stringify({ over: ctx.t('forum.room.timeUp') })}
      data-now={room.timer ? String(Date.now()) : undefined}
      hidden={!room.timer && !room.announcement}
    >
      <link rel="stylesheet" href="/static/forum/room.css" />
      <script type="module" src="/static/forum/room.js" />
      {room.announcement && (
        <p class="forum-announcement" role="status">
          <strong>{ctx.t('forum.room.announcement')} : </strong>
          <bdi>{room.announcement.body}</bdi>
        </p>
      )}
      {room.timer && left && (
        <p class="forum-timer" data-ends-at={room.timer.endsAt}>
          {room.timer.label && (
            <>
              <bdi>{room.timer.label}</bdi> :{' '}
            </>
          )}
          <strong class="forum-timer-left" role="timer" aria-live="off">
            {left.seconds > 0 ? left.text : ctx.t('forum.room.timeUp')}
          </strong>{' '}
          <span class="forum-timer-end">{ctx.t('forum.room.until', { time: formatTime(room.timer.endsAt, ctx.lang) })}</span>
        </p>
      )}
    </div>
  );
}

/** The facilitator's controls of the room: the timer and the announcement. */
export function RoomControls({ ctx, base, room, defaultLabel }: { ctx: ViewContext; base: string; room: RoomState; defaultLabel: string }) {
  return (
    <section aria-labelledby="room-title" id="room">
      <h2 id="room-title">{ctx.t('forum.room.title')}</h2>
      <div class="forum-room-controls">
        <form method="post" action={`${base}/minuteur`} class="form-card">
          <Csrf ctx={ctx} />
          <h3>{ctx.t('forum.room.timer')}</h3>
          {room.timer && <p>{ctx.t('forum.room.running', { label: room.timer.label, time: formatTime(room.timer.endsAt, ctx.lang) })}</p>}
          <div class="field">
            <label for="timer-minutes">{ctx.t('forum.room.minutes')}</label>
            <input id="timer-minutes" name="minutes" type="number" min="1" max="600" value="15" class="input-short" required />
          </div>
          <div class="field">
            <label for="timer-label">{ctx.t('forum.room.label')}</label>
            <input id="timer-label" type="text" name="label" value={defaultLabel} maxlength={120} />
          </div>
          <button type="submit">{ctx.t('forum.room.start')}</button>
        </form>
        {room.timer && (
          <form method="post" action={`${base}/minuteur/arret`} class="inline-form">
            <Csrf ctx={ctx} />
            <button type="submit" class="button-secondary">
              {ctx.t('forum.room.stop')}
            </button>
          </form>
        )}
        <form method="post" action={`${base}/annonce`} class="form-card">
          <Csrf ctx={ctx} />
          <h3>{ctx.t('forum.room.announce')}</h3>
          {room.announcement && (
            <p>
              {ctx.t('forum.room.current')} : <bdi>{room.announcement.body}</bdi>
            </p>
          )}
          <div class="field">
            <label for="announce-body">{ctx.t('forum.room.announceLabel')}</label>
            <textarea id="announce-body" name="body" rows={2} maxlength={500} required />
            <p class="hint" id="announce-hint">
              {ctx.t('forum.room.announceHint')}
            </p>
          </div>
          <button type="submit">{ctx.t('forum.room.send')}</button>
        </form>
        {room.announcement && (
          <form method="post" action={`${base}/annonce/retrait`} class="inline-form">
            <Csrf ctx={ctx} />
            <button type="submit" class="button-secondary">
              {ctx.t('forum.room.withdraw')}
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
