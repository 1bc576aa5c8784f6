/** Tables of the imports module: each run with its per-line results (the resume point), what each source line became, old addresses. */

export type ImportKind = 'subscribers' | 'members' | 'events' | 'wordpress' | 'documents';
/** ready: uploaded and previewed, not started; queued: waiting for the job runner; running; done; failed (stopped by an error outside any line). */
export type RunStatus = 'ready' | 'queued' | 'running' | 'done' | 'failed';
export type LineOutcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'error';

export interface ImportRunsTable {
  id: string;
  kind: ImportKind;
  /** The name the person gave the file (shown), and where it is kept until the run is over. */
  filename: string;
  path: string;
  /** sha256 of the file: the command line resumes an unfinished run of the same file. */
  sha256: string;
  status: RunStatus;
  /** Lines of the file the run covers, and how many are done (the progress bar). */
  total: number;
  processed: number;
  /** JSON { created, updated, unchanged, skipped, error }. */
  counts: string;
  /** Why a failed run stopped (an i18n key of the imports catalogue). */
  failure: string | null;
  started_by: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface ImportLinesTable {
  run_id: string;
  /** The entry's key (an address, a UID, `theme:climat`), or `line:N` for a line that gave no entry: a resumed run skips the entries it has. */
  entry: string;
  /** Line number in the file (CSV: as a spreadsheet shows it; iCalendar and WXR: the line where the entry begins). */
  line: number;
  outcome: LineOutcome;
  /** What the line is about, as the report shows it (an address, a title). */
  label: string;
  /** The column or property concerned, when one is. */
  field: string | null;
  /** An i18n key of the imports catalogue, and its parameters as JSON. */
  reason: string | null;
  params: string | null;
  /** What the line became (a subscriber, an account, an event, a content item), for follow-up actions. */
  target_kind: string | null;
  target_id: string | null;
}

/** A source entry (a Mailchimp address, an iCalendar UID, a WordPress post) and what it became: a second import updates instead of duplicating. */
export interface ImportItemsTable {
  kind: ImportKind;
  key: string;
  target_kind: string;
  target_id: string;
  /** sha256 of the entry as last imported: the same entry again changes nothing. */
  fingerprint: string;
  updated_at: string;
}

/** An address of the old site and the page that replaces it (answered 301). */
export interface ImportRedirectsTable {
  /** Decoded, without its query string and trailing slash. */
  path: string;
  target: string;
  run_id: string | null;
  created_at: string;
}

export interface ImportsTables {
  import_runs: ImportRunsTable;
  import_lines: ImportLinesTable;
  import_items: ImportItemsTable;
  import_redirects: ImportRedirectsTable;
}
