import type { Delivery, NetworkAttachmentsTable, NetworkMembersTable, NetworkPostsTable, NetworkRequestsTable } from './network.tables.ts';

/** What the network's pages show, built from the service's rows: the views never see a row. */

/** A membership request in the animators' queue. */
export interface RequestView {
  id: string;
  name: string;
  email: string;
  role: string;
  orgName: string;
  orgType: string;
  territoryLabel: string;
  motivation: string;
  /** When more information was asked, if it was. */
  infoRequestedAt: string | null;
}

export function requestView(r: Pick<NetworkRequestsTable, 'id' | 'name' | 'email' | 'role' | 'org_name' | 'org_type' | 'territory_label' | 'motivation' | 'status' | 'decided_at'>): RequestView {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    orgName: r.org_name,
    orgType: r.org_type,
    territoryLabel: r.territory_label,
    motivation: r.motivation,
    infoRequestedAt: r.status === 'info' ? r.decided_at : null,
  };
}

export interface AttachmentView {
  id: string;
  filename: string;
  size: number;
}

/** A message of the list: a thread's first post or a reply. */
export interface PostView {
  id: string;
  threadId: string;
  title: string;
  authorName: string;
  /** Publication date, or when it was written while it waits for moderation. */
  date: string;
  body: string;
  links: string[];
  attachments: AttachmentView[];
}

type PostRow = Pick<NetworkPostsTable, 'id' | 'thread_id' | 'title' | 'author_name' | 'body' | 'links' | 'created_at' | 'published_at'>;

export function postView(p: PostRow, files: ReadonlyArray<Pick<NetworkAttachmentsTable, 'id' | 'post_id' | 'filename' | 'size'>> = []): PostView {
  return {
    id: p.id,
    threadId: p.thread_id,
    title: p.title,
    authorName: p.author_name,
    date: p.published_at ?? p.created_at,
    body: p.body,
    links: JSON.parse(p.links) as string[],
    attachments: files.filter((f) => f.post_id === p.id).map((f) => ({ id: f.id, filename: f.filename, size: f.size })),
  };
}

/** A thread: its posts in order, each with its files. The first post gives the title. */
export function threadView(t: { posts: PostRow[]; files: ReadonlyArray<Pick<NetworkAttachmentsTable, 'id' | 'post_id' | 'filename' | 'size'>> }): PostView[] {
  return t.posts.map((p) => postView(p, t.files));
}

/** A member as the directory shows them. */
export interface DirectoryEntry {
  userId: string;
  name: string;
  role: string;
  territoryLabel: string;
  departement: string | null;
  orgName: string | null;
  orgSlug: string | null;
}

type DirectoryRow = { user_id: string; name: string; role: string; territory_label: string; departement: string | null; org_name: string | null; org_slug: string | null };

export function directoryEntry(m: DirectoryRow): DirectoryEntry {
  return { userId: m.user_id, name: m.name, role: m.role, territoryLabel: m.territory_label, departement: m.departement, orgName: m.org_name, orgSlug: m.org_slug };
}

/** The directory grouped by département, in the order the rows came. */
export interface DirectoryGroup {
  /** '' for members without a département. */
  code: string;
  name: string | null;
  members: DirectoryEntry[];
}

export function directoryGroups(rows: DirectoryRow[], departements: ReadonlyArray<{ code: string; name: string }>): DirectoryGroup[] {
  const names = new Map(departements.map((d) => [d.code, d.name]));
  const groups = new Map<string, DirectoryEntry[]>();
  for (const r of rows) {
    const key = r.departement ?? '';
    groups.set(key, [...(groups.get(key) ?? []), directoryEntry(r)]);
  }
  return [...groups].map(([code, members]) => ({ code, name: code ? (names.get(code) ?? code) : null, members }));
}

export interface OrganisationView {
  name: string;
  type: string;
  members: DirectoryEntry[];
  posts: Array<{ threadId: string; title: string; publishedAt: string | null }>;
}

export function organisationView(o: {
  org: { name: string; type: string };
  members: DirectoryRow[];
  posts: ReadonlyArray<{ thread_id: string; title: string; published_at: string | null }>;
}): OrganisationView {
  return {
    name: o.org.name,
    type: o.org.type,
    members: o.members.map(directoryEntry),
    posts: o.posts.map((p) => ({ threadId: p.thread_id, title: p.title, publishedAt: p.published_at })),
  };
}

/** A member's own list settings. */
export interface PreferencesView {
  delivery: Delivery;
  inDirectory: boolean;
}

export function preferencesView(m: Pick<NetworkMembersTable, 'delivery' | 'directory'>): PreferencesView {
  return { delivery: m.delivery, inDirectory: m.directory === 1 };
}
