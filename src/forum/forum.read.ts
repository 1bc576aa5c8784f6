import type { Kysely } from 'kysely';
import type { Lang, Translate } from '../platform/i18n/i18n.ts';
import { formatDate, formatLongDate, parisDay } from '../platform/format.ts';
import * as repo from './forum.repo.ts';
import { hourText } from './forum.rules.ts';
import { REPORT_SECTIONS, type ActionStatus, type ForumPhase, type ForumsTable, type ForumTables, type ReportSection } from './forum.tables.ts';

/** View models: what pages, the wall stream and the proceedings are built from. */
export interface ThemeCard {
  id: string;
  title: string;
  description: string;
  conveners: string[];
  convenerIds: string[];
  slotId: string | null;
  spaceId: string | null;
  interest: number;
  size: number;
  capacity: number | null;
  full: boolean;
  queued: boolean;
  report: { filled: boolean; keyPoints: string; proposals: string; actions: string[] };
}

export interface RankItem {
  id: string;
  label: string;
  votes: number;
  initiator: string;
  nextSteps: string;
  items: string[];
  cluster: boolean;
}

export interface ForumSummary {
  id: string;
  slug: string;
  title: string;
  question: string;
  place: string;
  startsOn: string;
  phase: ForumPhase;
  joinCode: string;
  participants: number;
  groups: number;
  votesPerPerson: number;
  queue: Array<{ id: string; title: string }>;
  ranking: RankItem[];
  proceedingsPublished: boolean;
  /** The room's timer and the facilitator's current announcement, on the wall and every phone (0036). */
  room: RoomState;
}

export interface RoomState {
  timer: { label: string; endsAt: string } | null;
  announcement: { id: string; body: string; at: string } | null;
}

export interface WallState {
  forum: ForumSummary;
  slots: Array<{ id: string; day: string; startsAt: string; endsAt: string }>;
  spaces: Array<{ id: string; name: string; capacity: number }>;
  themes: ThemeCard[];
}

export interface WallPatch {
  forum: ForumSummary;
  themes: ThemeCard[];
  removed: string[];
}

export interface ClusterView {
  id: string;
  name: string;
  initiator: string;
  nextSteps: string;
}

/** A forum in a list (public and facilitator): its date already written out in the reader's language. */
export interface ForumListItem {
  id: string;
  slug: string;
  title: string;
  question: string;
  date: string;
  place: string;
  phase: ForumPhase;
  past: boolean;
}

export function forumListItem(f: ForumsTable, lang: Lang): ForumListItem {
  return {
    id: f.id,
    slug: f.slug,
    title: f.title,
    question: f.question,
    date: formatDate(`${f.starts_on}T12:00:00Z`, lang),
    place: f.place,
    phase: f.phase,
    past: f.starts_on < parisDay(new Date()) || f.phase === 'closed' || f.phase === 'followup',
  };
}

export interface ActionView {
  id: string;
  themeId: string;
  themeTitle: string;
  kind: 'action' | 'proposal';
  title: string;
  carrier: string;
  partners: string;
  due: string;
  status: ActionStatus;
  owner: string;
  /** Since when someone carries it (0038), and whether a participant or an account does. */
  ownerSince: string | null;
  carried: boolean;
  version: number;
  votes: number;
  clusterId: string | null;
  updates: Array<{ status: ActionStatus; body: string; author: string; at: string }>;
}

export interface ReportView {
  sections: Array<{ section: ReportSection; body: string; version: number; updatedBy: string | null; updatedAt: string }>;
  actions: ActionView[];
  comments: Array<{ id: string; participantId: string | null; author: string; body: string; at: string }>;
  members: Array<{ name: string; organisation: string | null }>;
}

const excerpt = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

export function createForumReader(db: Kysely<ForumTables>) {
  async function themeCards(forum: ForumsTable, ids?: string[]): Promise<ThemeCard[]> {
    const themes = await repo.listThemes(db, forum.id, ids);
    const themeIds = themes.map((t) => t.id);
    // Once the day is over, a group's size is everyone who took part in it, not who is still "in" it.
    const over = forum.phase === 'closed' || forum.phase === 'followup';
    const [conveners, interest, sizes, spaces, sections, actions] = await Promise.all([
      repo.listConveners(db, forum.id, themeIds),
      repo.interestCounts(db, forum.id, themeIds),
      over ? repo.groupAttendance(db, forum.id) : repo.groupSizes(db, forum.id, themeIds),
      repo.listSpaces(db, forum.id),
      repo.listSections(db, themeIds),
      ids ? Promise.all(themeIds.map((id) => repo.listActions(db, forum.id, id))).then((x) => x.flat()) : repo.listActions(db, forum.id),
    ]);
    return themes.map((t) => {
      const size = Number(sizes.find((s) => s.theme_id === t.id)?.n ?? 0);
      const capacity = spaces.find((s) => s.id === t.space_id)?.capacity ?? null;
      const sec = (name: ReportSection) => sections.find((s) => s.theme_id === t.id && s.section === name)?.body ?? '';
      const mine = actions.filter((a) => a.theme_id === t.id);
      const keyPoints = sec('key_points');
      const proposals = sec('proposals');
      return {
        id: t.id,
        title: t.title,
        description: t.description,
        conveners: conveners.filter((c) => c.theme_id === t.id).map((c) => c.name),
        convenerIds: conveners.filter((c) => c.theme_id === t.id).map((c) => c.participant_id),
        slotId: t.slot_id,
        spaceId: t.space_id,
        interest: Number(interest.find((i) => i.theme_id === t.id)?.n ?? 0),
        size,
        capacity,
        full: !over && capacity !== null && size >= capacity,
        queued: t.queued_at !== null,
        report: {
          filled: REPORT_SECTIONS.some((s) => sec(s).length > 0) || mine.length > 0,
          keyPoints: excerpt(keyPoints, 400),
          proposals: excerpt(proposals, 300),
          actions: mine.slice(0, 4).map((a) => excerpt(a.title, 120)),
        },
      };
    });
  }

  async function ranking(forum: ForumsTable): Promise<RankItem[]> {
    const [actions, votes, clusters] = await Promise.all([repo.listActions(db, forum.id), repo.voteCounts(db, forum.id), repo.listClusters(db, forum.id)]);
    const count = (id: string) => Number(votes.find((v) => v.action_id === id)?.n ?? 0);
    const items: RankItem[] = clusters.map((c) => {
      const mine = actions.filter((a) => a.cluster_id === c.id);
      return { id: c.id, label: c.name, votes: mine.reduce((n, a) => n + count(a.id), 0), initiator: c.initiator, nextSteps: c.next_steps, items: mine.map((a) => a.title), cluster: true };
    });
    for (const a of actions) {
      if (a.cluster_id) continue;
      const n = count(a.id);
      if (n > 0) items.push({ id: a.id, label: a.title, votes: n, initiator: a.carrier, nextSteps: '', items: [], cluster: false });
    }
    return items.sort((a, b) => b.votes - a.votes || a.label.localeCompare(b.label));
  }

  async function summary(forum: ForumsTable): Promise<ForumSummary> {
    const [participants, sessions, attended, announcement, queue, rank] = await Promise.all([
      repo.countParticipants(db, forum.id),
      // Every session on the wall counts, and every group someone stepped into, placed or not.
      repo.placedThemes(db, forum.id),
      repo.groupAttendance(db, forum.id),
      repo.currentAnnouncement(db, forum.id),
      repo.micQueue(db, forum.id),
      // The ranking only means something once the dots are given; it is not rebuilt on every write of the day.
      forum.phase === 'convergence' || forum.phase === 'closed' || forum.phase === 'followup' ? ranking(forum) : Promise.resolve([]),
    ]);
    return {
      id: forum.id,
      slug: forum.slug,
      title: forum.title,
      question: forum.question,
      place: forum.place,
      startsOn: forum.starts_on,
      phase: forum.phase,
      joinCode: forum.join_code,
      participants,
      groups: new Set([...sessions.map((x) => x.id), ...attended.map((x) => x.theme_id)]).size,
      votesPerPerson: forum.votes_per_person,
      queue: queue.map((q) => ({ id: q.id, title: q.title })),
      ranking: rank.slice(0, 12),
      proceedingsPublished: forum.proceedings_published_at !== null,
      room: {
        timer: forum.timer_ends_at ? { label: forum.timer_label ?? '', endsAt: forum.timer_ends_at } : null,
        announcement: announcement ? { id: announcement.id, body: announcement.body, at: announcement.created_at } : null,
      },
    };
  }

  async function wallState(forum: ForumsTable): Promise<WallState> {
    const [sum, slots, spaces, themes] = await Promise.all([summary(forum), repo.listSlots(db, forum.id), repo.listSpaces(db, forum.id), themeCards(forum)]);
    return {
      forum: sum,
      slots: slots.map((s) => ({ id: s.id, day: s.day, startsAt: s.starts_at, endsAt: s.ends_at })),
      spaces: spaces.map((s) => ({ id: s.id, name: s.name, capacity: s.capacity })),
      themes,
    };
  }

  async function actionViews(forum: ForumsTable, themeId?: string): Promise<ActionView[]> {
    const [actions, votes, updates] = await Promise.all([repo.listActions(db, forum.id, themeId), repo.voteCounts(db, forum.id), repo.listActionUpdates(db, forum.id)]);
    return actions.map((a) => ({
      id: a.id,
      themeId: a.theme_id,
      themeTitle: a.theme_title,
      kind: a.kind,
      title: a.title,
      carrier: a.carrier,
      partners: a.partners,
      due: a.due,
      status: a.status,
      owner: a.owner,
      ownerSince: a.owner_since ?? null,
      carried: !!(a.owner_participant_id || a.owner_user_id),
      version: a.version,
      votes: Number(votes.find((v) => v.action_id === a.id)?.n ?? 0),
      clusterId: a.cluster_id,
      updates: updates.filter((u) => u.action_id === a.id).map((u) => ({ status: u.status, body: u.body, author: u.author, at: u.created_at })),
    }));
  }

  async function report(forum: ForumsTable, themeId: string): Promise<ReportView> {
    const [sections, actions, comments, members] = await Promise.all([
      repo.listSections(db, [themeId]),
      actionViews(forum, themeId),
      repo.listComments(db, [themeId]),
      repo.groupMemberNames(db, themeId),
    ]);
    return {
      sections: REPORT_SECTIONS.map((name) => {
        const s = sections.find((x) => x.section === name);
        return { section: name, body: s?.body ?? '', version: s?.version ?? 0, updatedBy: s?.updated_by ?? null, updatedAt: s?.updated_at ?? '' };
      }),
      actions,
      comments: comments.map((c) => ({ id: c.id, participantId: c.participant_id, author: c.author, body: c.body, at: c.created_at })),
      members,
    };
  }

  /** Everything the proceedings need, in the reader's language. */
  async function proceedings(forum: ForumsTable, t: Translate, lang: Lang) {
    const [state, attendance, presence, actions, allSections, comments] = await Promise.all([
      wallState(forum),
      repo.groupAttendance(db, forum.id),
      repo.groupPresence(db, forum.id),
      actionViews(forum),
      repo.listSections(
        db,
        (await repo.listThemes(db, forum.id)).map((x) => x.id),
      ),
      repo.listComments(
        db,
        (await repo.listThemes(db, forum.id)).map((x) => x.id),
      ),
    ]);
    const sizes = attendance.map((a) => Number(a.n));
    const slotLabel = (s: WallState['slots'][number]) =>
      `${new Set(state.slots.map((x) => x.day)).size > 1 ? `${formatDate(`${s.day}T12:00:00Z`, lang)} ` : ''}${hourText(s.startsAt, lang)}–${hourText(s.endsAt, lang)}`;
    const reports = state.themes.map((theme) => ({
      id: theme.id,
      title: theme.title,
      description: theme.description,
      conveners: theme.conveners,
      size: Number(attendance.find((a) => a.theme_id === theme.id)?.n ?? 0),
      present: presence.filter((p) => p.theme_id === theme.id).map((p) => (p.organisation ? `${p.name} (${p.organisation})` : p.name)),
      where: theme.slotId ? `${slotLabel(state.slots.find((s) => s.id === theme.slotId)!)} · ${state.spaces.find((s) => s.id === theme.spaceId)?.name ?? ''}` : '',
      sections: REPORT_SECTIONS.map((name) => ({
        label: t(`forum.section.${name}`),
        body: allSections.find((s) => s.theme_id === theme.id && s.section === name)?.body ?? '',
      })).filter((s) => s.body.length > 0),
      actions: actions.filter((a) => a.themeId === theme.id),
      comments: comments.filter((c) => c.theme_id === theme.id).map((c) => ({ author: c.author, body: c.body })),
    }));
    return {
      labels: {
        title: t('forum.proceedings.title', { title: forum.title }),
        question: t('forum.question'),
        figures: t('forum.proceedings.figures'),
        grid: t('forum.proceedings.grid'),
        reports: t('forum.proceedings.reports'),
        actionPlan: t('forum.report.actionPlan'),
        comments: t('forum.report.comments'),
        vote: t('forum.proceedings.vote'),
        conveners: t('forum.theme.conveners'),
        carrier: t('forum.action.carrier'),
        partners: t('forum.action.partners'),
        due: t('forum.action.due'),
        initiator: t('forum.cluster.initiator'),
        nextSteps: t('forum.cluster.nextSteps'),
        votes: t('forum.proceedings.votes'),
        page: t('forum.proceedings.page'),
        empty: t('forum.proceedings.empty'),
        proposal: t('forum.action.kind.proposal'),
        present: t('forum.proceedings.present'),
        carriedBy: t('forum.followup.carriedBy'),
      },
      forum: { title: forum.title, question: forum.question, date: formatLongDate(`${forum.starts_on}T12:00:00Z`, lang), place: forum.place },
      figures: [
        { label: t('forum.figures.participants'), value: String(state.forum.participants) },
        { label: t('forum.figures.groups'), value: String(state.forum.groups) },
        { label: t('forum.figures.sizes'), value: sizes.length ? t('forum.figures.sizesRange', { min: Math.min(...sizes), max: Math.max(...sizes) }) : '—' },
        { label: t('forum.figures.actions'), value: String(actions.length) },
      ],
      grid: {
        slots: state.slots.map(slotLabel),
        spaces: state.spaces.map((s) => s.name),
        cells: state.slots.map((slot) => state.spaces.map((space) => state.themes.find((th) => th.slotId === slot.id && th.spaceId === space.id)?.title ?? '')),
      },
      reports,
      ranking: (await ranking(forum)).map((r) => ({ label: r.label, votes: r.votes, initiator: r.initiator, nextSteps: r.nextSteps, items: r.items })),
    };
  }

  /** What one participant has done: interests, current group, dots given. */
  async function participantState(participantId: string) {
    const [interests, group, votes] = await Promise.all([repo.interestsOf(db, participantId), repo.groupOf(db, participantId), repo.participantVotes(db, participantId)]);
    const voteMap = new Map<string, number>();
    for (const x of votes) voteMap.set(x.action_id, (voteMap.get(x.action_id) ?? 0) + 1);
    return { interests: new Set(interests.map((i) => i.theme_id)), group: group?.theme_id ?? null, votes: voteMap };
  }

  const clusters = async (forum: ForumsTable): Promise<ClusterView[]> =>
    (await repo.listClusters(db, forum.id)).map((c) => ({ id: c.id, name: c.name, initiator: c.initiator, nextSteps: c.next_steps }));
  const mergedInto = async (forum: ForumsTable, themeId: string) => (await repo.mergedInto(db, forum.id, themeId))?.merged_into ?? null;

  return { themeCards, summary, wallState, actionViews, report, ranking, proceedings, participantState, clusters, mergedInto };
}

export type ForumReader = ReturnType<typeof createForumReader>;
export type ProceedingsModel = Awaited<ReturnType<ForumReader['proceedings']>>;
