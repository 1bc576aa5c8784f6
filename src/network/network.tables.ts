/** Tables of the network: membership requests, members, organisations, the mailing list. */

export type RequestStatus = 'unconfirmed' | 'pending' | 'info' | 'approved' | 'refused';
export type Delivery = 'each' | 'daily' | 'weekly' | 'web';
export type PostStatus = 'pending' | 'published' | 'rejected';

export interface NetworkRequestsTable {
  id: string;
  user_id: string | null;
  email: string;
  name: string;
  lang: 'fr' | 'en';
  role: string;
  org_name: string;
  org_type: string;
  /** "commune:80021", "epci:200093201", "departement:59", "region:32". */
  territory_code: string;
  territory_label: string;
  departement: string | null;
  /** JSON array of theme slugs. */
  themes: string;
  motivation: string;
  /** 0/1: listed in the members' directory. */
  directory: number;
  /** The words of the charter the person accepted. */
  charter_text: string;
  status: RequestStatus;
  confirm_token_hash: string | null;
  created_at: string;
  /** When the confirmation link was last mailed (unconfirmed requests); it is mailed again at most once in a while. */
  confirm_sent_at: string | null;
  confirmed_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  decision_message: string | null;
}

export interface NetworkMembersTable {
  user_id: string;
  name: string;
  email: string;
  lang: 'fr' | 'en';
  role: string;
  organisation_id: string | null;
  territory_code: string;
  territory_label: string;
  departement: string | null;
  themes: string;
  directory: number;
  delivery: Delivery;
  /** 0/1: posts go out without moderation. */
  trusted: number;
  /** The member's key in list messages (unsubscribe link); rotated never, erased with the member. */
  list_token: string;
  joined_at: string;
}

export interface NetworkOrganisationsTable {
  id: string;
  slug: string;
  name: string;
  type: string;
  departement: string | null;
  created_at: string;
}

export interface NetworkPostsTable {
  id: string;
  /** The first post of the thread (its own id for a thread's first post). */
  thread_id: string;
  author_id: string | null;
  author_name: string;
  title: string;
  body: string;
  /** JSON array of links to Palabre items or elsewhere. */
  links: string;
  status: PostStatus;
  source: 'web' | 'mail';
  created_at: string;
  published_at: string | null;
  /** For threads: last activity, to list the liveliest first. */
  last_activity_at: string;
}

export interface NetworkAttachmentsTable {
  id: string;
  post_id: string;
  filename: string;
  content_type: string;
  size: number;
  data: Buffer;
}

export interface NetworkTables {
  network_requests: NetworkRequestsTable;
  network_members: NetworkMembersTable;
  network_organisations: NetworkOrganisationsTable;
  network_posts: NetworkPostsTable;
  network_attachments: NetworkAttachmentsTable;
}
