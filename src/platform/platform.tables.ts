export interface SettingsTable {
  key: string;
  value: string;
}

export interface MailOutboxTable {
  id: string;
  dedupe_key: string | null;
  to_address: string;
  lang: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** JSON object of extra headers (List-Unsubscribe, ...). */
  headers: string;
  /** JSON array of { filename, contentType, content (base64) }. */
  attachments: string;
  category: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  message_id: string;
  created_at: string;
  sent_at: string | null;
}

export interface JobsTable {
  id: string;
  kind: string;
  unique_key: string | null;
  payload: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface RateLimitsTable {
  bucket: string;
  at: string;
}

export interface PlatformTables {
  settings: SettingsTable;
  mail_outbox: MailOutboxTable;
  jobs: JobsTable;
  rate_limits: RateLimitsTable;
}
