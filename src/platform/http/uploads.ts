import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart, { type Multipart, type MultipartFile } from '@fastify/multipart';
import { cleanText } from './input.ts';

export interface UploadLimits {
  /** Bytes per file: a bigger file is cut off, reported and not kept. */
  fileBytes: number;
  /** Files per form; more are reported and not kept. */
  files: number;
}

/** A file of the form, waiting on disk until the handler stores it. */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  path: string;
  size: number;
}

export type FormFields = Record<string, string | string[]>;

export interface UploadForm {
  fields: FormFields;
  files: UploadedFile[];
  /** Names of the files over the size limit. */
  tooLarge: string[];
  tooMany: boolean;
  /** Removes the waiting files: call it once they are stored, or the form refused. */
  discard(): Promise<void>;
}

interface Pending {
  parts: AsyncIterableIterator<Multipart>;
  first: MultipartFile | null;
  consumed: boolean;
}

const pending = new WeakMap<FastifyRequest, Pending>();

function addField(fields: FormFields, name: string, value: string) {
  const prev = fields[name];
  fields[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
}

const drain = (file: NodeJS.ReadableStream) => pipeline(file, new Writable({ write: (_chunk, _enc, done) => done() }));

/**
 * Lets the routes of `scope` (and only them) take files. The form's fields, which come before
 * its file inputs (the CSRF token first), are read into req.body before the CSRF check; the
 * first file waits unread until the handler calls readUploads(). A request refused by its
 * access rule or the CSRF check never has a byte of a file read: its connection is closed
 * instead of drained.
 */
export async function acceptUploads(scope: FastifyInstance, limits: UploadLimits): Promise<void> {
  await scope.register(multipart, {
    // One file over the count is let through so that readUploads can say "too many" instead of failing.
    limits: { fileSize: limits.fileBytes, files: limits.files + 1, fields: 30, fieldSize: 100_000, parts: limits.files + 31 },
    throwFileSizeLimit: false,
  });
  scope.addHook('preValidation', async (req) => {
    if (!req.isMultipart()) return;
    const parts = req.parts();
    const fields: FormFields = {};
    let first: MultipartFile | null = null;
    for (;;) {
      const next = await parts.next();
      if (next.done) break;
      if (next.value.type === 'file') {
        first = next.value;
        break;
      }
      addField(fields, next.value.fieldname, String(next.value.value ?? ''));
    }
    req.body = fields;
    pending.set(req, { parts, first, consumed: first === null });
  });
  scope.addHook('onSend', async (req, reply, payload) => {
    if (pending.get(req)?.consumed === false) reply.header('connection', 'close');
    return payload;
  });
}

/**
 * In the handler of a route under acceptUploads(): streams the files to `dir`, each cut at the
 * size limit, and returns them with every field of the form. An urlencoded post gives its fields.
 */
export async function readUploads(req: FastifyRequest, limits: UploadLimits & { dir: string }): Promise<UploadForm> {
  const state = pending.get(req);
  const fields: FormFields = {};
  for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') fields[k] = v;
    else if (Array.isArray(v)) fields[k] = v.filter((x): x is string => typeof x === 'string');
  }
  const form: UploadForm = {
    fields,
    files: [],
    tooLarge: [],
    tooMany: false,
    async discard() {
      await Promise.all(form.files.map((f) => fs.promises.rm(f.path, { force: true })));
    },
  };
  if (!state || state.consumed) return form;
  await fs.promises.mkdir(limits.dir, { recursive: true });

  async function take(part: MultipartFile) {
    if (!part.filename) return drain(part.file); // a file input left empty
    if (form.files.length >= limits.files) {
      form.tooMany = true;
      return drain(part.file);
    }
    const target = path.join(limits.dir, `${crypto.randomBytes(12).toString('hex')}.upload`);
    try {
      await pipeline(part.file, fs.createWriteStream(target));
    } catch (err) {
      await fs.promises.rm(target, { force: true });
      throw err;
    }
    if (part.file.truncated) {
      await fs.promises.rm(target, { force: true });
      form.tooLarge.push(cleanText(part.filename));
    } else form.files.push({ filename: cleanText(part.filename), mimetype: part.mimetype, path: target, size: (await fs.promises.stat(target)).size });
  }

  try {
    let part: Multipart | null = state.first;
    while (part) {
      if (part.type === 'file') await take(part);
      // Fields after a file come too late for the server's input cleaning: cleaned here.
      else addField(fields, cleanText(part.fieldname), cleanText(String(part.value ?? '')));
      const next = await state.parts.next();
      part = next.done ? null : next.value;
    }
    state.consumed = true;
  } catch (err) {
    await form.discard();
    if ((err as { code?: string }).code !== 'FST_FILES_LIMIT') throw err;
    form.tooMany = true;
    form.files = [];
  }
  return form;
}
