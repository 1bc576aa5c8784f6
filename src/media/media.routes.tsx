import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { fieldMessage, toFieldErrors, type FieldErrors } from '../platform/forms/forms.ts';
import { formatSize } from '../platform/format.ts';
import { ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import { safeNext } from '../platform/http/server.ts';
import { acceptUploads, readUploads, type UploadForm } from '../platform/http/uploads.ts';
import { sendStored } from '../platform/storage/send.ts';
import { imageFieldsSchema, focusOf, FOCUS_POINTS, type FocusPoint } from './media.schema.ts';
import { editorVM } from './media.present.ts';
import { ImageRejectedError, type MediaService } from './media.service.ts';
import { ImagePage, type ImageFormValues } from './media.views.tsx';
import type { ImageRow } from './media.repo.ts';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

function valuesOf(fields: UploadForm['fields']): ImageFormValues {
  const focus = one(fields.focus);
  return {
    alt: one(fields.alt),
    decorative: one(fields.decorative) === 'on',
    credit: one(fields.credit),
    focus: (FOCUS_POINTS as readonly string[]).includes(focus) ? focus : '50-50',
  };
}

const REJECTED: Record<ImageRejectedError['reason'], string> = { type: 'media.file.type', tooSmall: 'media.file.tooSmall', tooLarge: 'media.file.tooManyPixels' };

/** /images/… (the stored sizes, for whoever may see the item) and /admin/images/… (the animators' picture form). */
export function mediaRoutes(media: MediaService, opts: { uploadMaxBytes: number; uploadDir: string; publicUrl: string }): FastifyPluginAsync {
  return async (app) => {
    app.get('/images/:id/:file', { config: { access: 'public' } }, async (req, reply) => {
      const { id, file } = req.params as { id: string; file: string };
      const found = await media.fileFor(id, file, req.user);
      if (!found) throw new NotFoundError();
      // A picture is not a page: no detour by the sign-in form, a plain refusal.
      if ('denied' in found) throw new ForbiddenError('media.members');
      return sendStored(req, reply, found);
    });

    const animator = { config: { access: 'animator' as const } };

    async function ownerOf(req: FastifyRequest) {
      const { kind, id } = req.params as { kind: string; id: string };
      const owner = await media.describeOwner(kind, id);
      if (!owner) throw new NotFoundError();
      return { kind, id, owner };
    }

    app.get('/admin/images/:kind/:id', animator, async (req, reply) => {
      const { kind, id, owner } = await ownerOf(req);
      reply.header('Cache-Control', 'no-store');
      return reply.html(<ImagePage ctx={req.ctx} title={owner.title} vm={await media.editor(kind, id, owner.editUrl, req.lang)} />);
    });

    app.post('/admin/images/:kind/:id/supprimer', animator, async (req, reply) => {
      const { kind, id, owner } = await ownerOf(req);
      await media.remove(kind, id);
      return reply.flashRedirect(`${owner.editUrl}#image`, 'media.removed');
    });

    const limits = { fileBytes: opts.uploadMaxBytes, files: 1 };
    await app.register(async (uploads) => {
      await acceptUploads(uploads, limits);

      uploads.post('/admin/images/:kind/:id', animator, async (req, reply) => {
        const { kind, id, owner } = await ownerOf(req);
        const form = await readUploads(req, { ...limits, dir: opts.uploadDir });
        try {
          const flat = Object.fromEntries(Object.entries(form.fields).map(([k, v]) => [k, one(v)]));
          const parsed = imageFieldsSchema.safeParse(flat);
          const errors: FieldErrors = parsed.success ? {} : toFieldErrors(parsed.error, flat);
          // The file first: a good picture is kept (staged) even when its texts are refused.
          let staged: ImageRow | null = null;
          const file = form.files[0];
          if (file && file.size > 0) {
            try {
              staged = await media.stage(kind, id, { path: file.path }, req.user!.id);
            } catch (err) {
              if (!(err instanceof ImageRejectedError)) throw err;
              errors.file = fieldMessage(REJECTED[err.reason]);
            }
          } else if (form.tooLarge.length) errors.file = fieldMessage('media.file.tooLarge', { max: formatSize(opts.uploadMaxBytes, req.lang) });
          else if (flat.pending) staged = await media.findStaged(flat.pending, kind, id, req.user!.id);
          const current = await media.current(kind, id);
          if (!staged && !current && !errors.file) errors.file = fieldMessage('media.file.missing');
          const retour = safeNext(flat.retour, opts.publicUrl, owner.editUrl);
          if (!parsed.success || Object.keys(errors).length) {
            const vm = editorVM({ kind, ownerId: id, retour, current, pending: staged, values: valuesOf(form.fields), errors, maxUploadBytes: opts.uploadMaxBytes, lang: req.lang });
            reply.header('Cache-Control', 'no-store');
            return reply.html(<ImagePage ctx={req.ctx} title={owner.title} vm={vm} />, 400);
          }
          const meta = { alt: parsed.data.alt, decorative: parsed.data.decorative, credit: parsed.data.credit, focus: focusOf(parsed.data.focus as FocusPoint) };
          if (staged) await media.publishStaged(staged, meta);
          else await media.describe(kind, id, meta);
          return reply.flashRedirect(`${retour}#image`, 'media.saved');
        } finally {
          await form.discard();
        }
      });
    });
  };
}
