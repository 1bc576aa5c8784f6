import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { slugify } from '../platform/text.ts';
import type { ImportItem, LineProblem, ParsedFile } from './imports.model.ts';
import { UnreadableFile } from './imports.ics.ts';

/** A WordPress site from its WXR export (Outils → Exporter): posts, pages, categories and tags, attachments. */

export type WpData =
  | { type: 'theme'; slug: string; name: string }
  | {
      type: 'post';
      kind: 'news' | 'page';
      title: string;
      slug: string;
      body: string;
      excerpt: string;
      /** Null when the export has no date (published at the time of the import). */
      publishedAt: string | null;
      status: 'published' | 'draft';
      membersOnly: boolean;
      themes: string[];
      oldUrl: string | null;
    }
  | { type: 'attachment'; parentKey: string | null; title: string; oldUrl: string; file: string | null; filename: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['item', 'category', 'wp:category', 'wp:tag', 'wp:term'].includes(name),
});

type Node = Record<string, unknown>;
const text = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return text((v as Node)['#text']);
  return String(v).trim();
};

/** Lines where each `<tag` opens, in file order. */
function linesOf(xml: string, tag: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`<${tag}[\\s>]`, 'g');
  let line = 1;
  let last = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    for (let i = last; i < m.index; i++) if (xml.charCodeAt(i) === 10) line++;
    last = m.index;
    out.push(line);
  }
  return out;
}

/** Where an attachment's file is in the export's files folder (the `uploads` folder, or the one holding it). */
function findFile(url: string, filesDirs: string[]): string | null {
  const rel = /\/wp-content\/uploads\/(.+)$/.exec(url.split(/[?#]/)[0])?.[1];
  if (!rel) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return null;
  }
  for (const dir of filesDirs) {
    const root = path.resolve(dir);
    const file = path.resolve(root, decoded);
    if (file.startsWith(root + path.sep) && fs.existsSync(file)) return file;
  }
  return null;
}

/** An absolute link to the old site becomes a path of this one, where its redirect answers. */
function localLinks(html: string, base: string): string {
  if (!base) return html;
  const escaped = base.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return html.replace(new RegExp(`(["'(])${escaped}(/[^"')\\s]*)`, 'g'), '$1$2');
}

const wpDate = (gmt: string, local: string) => {
  const v = gmt && !gmt.startsWith('0000') ? `${gmt.replace(' ', 'T')}Z` : local ? `${local.replace(' ', 'T')}Z` : '';
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

export function parseWordpress(xml: string, opts: { filesDirs: string[] }): ParsedFile<WpData> {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch {
    throw new UnreadableFile('imports.failure.wxr');
  }
  const channel = ((doc.rss as Node | undefined)?.channel ?? null) as Node | null;
  if (!channel) throw new UnreadableFile('imports.failure.wxr');
  const base = text(channel['wp:base_blog_url']) || text(channel['wp:base_site_url']) || text(channel.link);
  const items: ImportItem<WpData>[] = [];
  const problems: LineProblem[] = [];

  // Categories and tags become themes (their names as written, their slugs kept).
  const terms: Array<[string, Node[], string, string]> = [
    ['wp:category', (channel['wp:category'] as Node[]) ?? [], 'wp:category_nicename', 'wp:cat_name'],
    ['wp:tag', (channel['wp:tag'] as Node[]) ?? [], 'wp:tag_slug', 'wp:tag_name'],
  ];
  const themeSlugs = new Map<string, string>();
  const themeLine = new Map<string, number>();
  for (const [tag, nodes, slugField, nameField] of terms) {
    const lines = linesOf(xml, tag);
    nodes.forEach((n, i) => {
      const name = text(n[nameField]);
      const slug = slugify(decodeURIComponentSafe(text(n[slugField])) || name);
      if (!slug || !name || themeSlugs.has(slug)) return;
      themeSlugs.set(slug, name);
      items.push({ line: lines[i] ?? 0, key: `theme:${slug}`, label: name, data: { type: 'theme', slug, name }, preview: { 'imports.field.kind': 'imports.wp.theme', 'imports.field.title': name } });
    });
  }

  const posts: ImportItem<WpData>[] = [];
  const attachments: ImportItem<WpData>[] = [];
  const lines = linesOf(xml, 'item');
  for (const [i, it] of ((channel.item as Node[]) ?? []).entries()) {
    const line = lines[i] ?? 0;
    const type = text(it['wp:post_type']);
    const id = text(it['wp:post_id']);
    const title = text(it.title);
    const label = title || `#${id}`;
    const status = text(it['wp:status']);
    if (!id) {
      problems.push({ line, label, outcome: 'error', field: 'wp:post_id', reason: 'imports.reason.required' });
      continue;
    }
    if (type === 'attachment') {
      const url = text(it['wp:attachment_url']);
      const parent = text(it['wp:post_parent']);
      const file = url ? findFile(url, opts.filesDirs) : null;
      const filename = path.basename(url.split(/[?#]/)[0] ?? '') || `${id}`;
      // Known before anything is written: the preview says so too.
      if (!file) {
        problems.push({ line, label: title || filename, outcome: 'error', field: 'wp:attachment_url', reason: 'imports.reason.fileMissing', params: { value: filename } });
        continue;
      }
      attachments.push({
        line,
        key: `attachment:${id}`,
        label: title || filename,
        data: { type: 'attachment', parentKey: parent && parent !== '0' ? `post:${parent}` : null, title: title || filename, oldUrl: url, file, filename },
        stable: { parent, title, url, size: fs.statSync(file).size },
        preview: { 'imports.field.kind': 'imports.wp.attachment', 'imports.field.title': title || filename, 'imports.field.file': filename },
      });
      continue;
    }
    if (type !== 'post' && type !== 'page') {
      problems.push({ line, label, outcome: 'skipped', field: 'wp:post_type', reason: 'imports.reason.wpType', params: { type } });
      continue;
    }
    if (status === 'trash' || status === 'auto-draft' || status === 'inherit') {
      problems.push({ line, label, outcome: 'skipped', field: 'wp:status', reason: 'imports.reason.wpStatus', params: { status } });
      continue;
    }
    if (!title) {
      problems.push({ line, label, outcome: 'error', field: 'title', reason: 'imports.reason.required' });
      continue;
    }
    const publishedAt = wpDate(text(it['wp:post_date_gmt']), text(it['wp:post_date']));
    const cats = ((it.category as Node[]) ?? []).flatMap((c) => {
      const slug = slugify(decodeURIComponentSafe(text((c as Node)['@_nicename'])) || text(c));
      if (slug && !themeSlugs.has(slug)) {
        themeSlugs.set(slug, text(c) || slug);
        themeLine.set(slug, line);
      }
      return slug ? [slug] : [];
    });
    const link = text(it.link);
    posts.push({
      line,
      key: `post:${id}`,
      label: title,
      data: {
        type: 'post',
        kind: type === 'page' ? 'page' : 'news',
        title: title.slice(0, 200),
        slug: slugify(decodeURIComponentSafe(text(it['wp:post_name']))) || slugify(title),
        body: localLinks(text(it['content:encoded']), base),
        excerpt: text(it['excerpt:encoded']),
        publishedAt,
        status: status === 'publish' || status === 'private' ? 'published' : 'draft',
        membersOnly: status === 'private',
        themes: [...new Set(cats)],
        oldUrl: link && !/[?&]p=\d+/.test(link) ? link : null,
      },
      preview: { 'imports.field.kind': type === 'page' ? 'imports.wp.page' : 'imports.wp.post', 'imports.field.title': title, 'imports.field.date': publishedAt ?? '', 'imports.field.oldUrl': link },
    });
  }
  // Themes a post names without the export defining them (older exports) are created first too.
  for (const [slug, name] of themeSlugs) {
    if (!items.some((x) => x.key === `theme:${slug}`))
      items.push({
        line: themeLine.get(slug) ?? 0,
        key: `theme:${slug}`,
        label: name,
        data: { type: 'theme', slug, name },
        preview: { 'imports.field.kind': 'imports.wp.theme', 'imports.field.title': name },
      });
  }
  return {
    kind: 'wordpress',
    // Themes, then posts and pages, then the attachments that belong to them.
    items: [...items, ...posts, ...attachments],
    problems,
    flavour: 'WordPress (WXR)',
    columns: ['imports.field.kind', 'imports.field.title', 'imports.field.date', 'imports.field.oldUrl'],
    mapping: [
      { source: 'title', field: 'imports.field.title' },
      { source: 'content:encoded', field: 'imports.field.body' },
      { source: 'wp:post_date_gmt', field: 'imports.field.date' },
      { source: 'category', field: 'imports.field.themes' },
      { source: 'link', field: 'imports.field.oldUrl' },
      { source: 'wp:attachment_url', field: 'imports.field.file' },
    ],
  };
}

function decodeURIComponentSafe(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
