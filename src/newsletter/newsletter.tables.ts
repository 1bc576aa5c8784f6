/** Tables of the newsletter: subscribers with their proof of consent, and campaigns. */

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed' | 'bounced';

export interface NewsletterSubscribersTable {
  id: string;
  /** Lower-cased. */
  email: string;
  lang: 'fr' | 'en';
  /** JSON array of theme slugs the person is interested in. */
  themes: string;
  /** A département code (the form offers the network region's), or "autre"; null: not said. */
  territory: string | null;
  status: SubscriberStatus;
  /** The person's key to unsubscribe, see or erase their data; printed in every message. */
  token: string;
  /** sha256 of the double opt-in link's token: a leaked database cannot confirm anybody. */
  confirm_token_hash: string | null;
  confirm_sent_at: string | null;
  /** Proof of consent: the exact words the person ticked, where, and when. */
  consent_text: string;
  consent_source: string;
  requested_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  bounced_at: string | null;
  created_at: string;
  updated_at: string;
}

export type CampaignStatus = 'draft' | 'scheduled' | 'sending' | 'sent';

export interface NewsletterCampaignsTable {
  id: string;
  /** Issue number in the public archive, given when sending starts. */
  number: number | null;
  subject: string;
  intro: string;
  /** JSON array of CampaignItem, in the order chosen by the animator (a snapshot). */
  items: string;
  /** Who receives it: JSON arrays of theme slugs and territory codes; both empty means every subscriber. */
  audience_themes: string;
  audience_territories: string;
  status: CampaignStatus;
  scheduled_at: string | null;
  started_at: string | null;
  sent_at: string | null;
  /** Id of the last subscriber whose message was put in the outbox: the resume point after a crash. */
  cursor: string | null;
  recipients: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewsletterTables {
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_campaigns: NewsletterCampaignsTable;
}
