import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent } from '../../test/agent.ts';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { callForm, PDF, person, postFile, projectForm, upload } from './initiatives.test-helpers.ts';

/** A file of a holder, submitted and admissible, with one private attachment; returns its id and the attachment's path. */
async function admissibleFile(app: TestApp, staff: Awaited<ReturnType<typeof person>>, slug: string, holder: Awaited<ReturnType<typeof person>>) {
  const start = await holder.agent.submit(`/initiatives/${slug}`, `/initiatives/${slug}/candidature`, {});
  const id = String(start.headers.location).split('/').pop()!;
  expect((await upload(app, holder.agent, id, 'rib.pdf', PDF, 'bank_details')).statusCode).toBe(303);
  expect((await postFile(holder.agent, id, (r) => projectForm(r, { action: 'submit' }))).statusCode).toBe(303);
  const page = `/admin/initiatives/dossiers/${id}`;
  expect((await staff.agent.submit(page, `${page}/recevabilite`, { decision: 'admissible', reason: '' })).statusCode).toBe(303);
  const att = await app.platform.db.selectFrom('initiative_attachments').select('id').where('application_id', '=', id).executeTakeFirstOrThrow();
  return { id, url: `/initiatives/dossiers/${id}/pieces/${att.id}` };
}

describeEachDatabase('initiatives: who may download a private attachment', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
  });
  afterAll(() => app?.destroy());

  it('serves it to the holder, the reviewers of that file who declared no conflict and staff; to nobody else', async () => {
    const staff = await person(app, 'animator');
    await staff.agent.submit('/admin/initiatives/nouveau', '/admin/initiatives/nouveau', callForm());
    const slug = (await app.platform.db.selectFrom('initiative_calls').select('slug').executeTakeFirstOrThrow()).slug;
    const holder = await person(app, 'user', 'Porteuse');
    const otherApplicant = await person(app, 'user', 'Autre porteur');
    const file = await admissibleFile(app, staff, slug, holder);
    const other = await admissibleFile(app, staff, slug, otherApplicant);

    const reader = await person(app, 'user', 'Relecteur');
    const undeclared = await person(app, 'user', 'Pas encore déclaré');
    const recused = await person(app, 'user', 'Déporté');
    const otherReviewer = await person(app, 'user', 'Relecteur d’un autre dossier');
    const assign = async (fileId: string, email: string) => {
      const page = `/admin/initiatives/dossiers/${fileId}`;
      expect((await staff.agent.submit(page, `${page}/evaluateurs`, { name: 'Comité', email })).statusCode).toBe(303);
      const { id } = await app.platform.db
        .selectFrom('initiative_reviewers')
        .innerJoin('users', 'users.id', 'initiative_reviewers.user_id')
        .select('initiative_reviewers.id')
        .where('application_id', '=', fileId)
        .where('users.email', '=', email)
        .executeTakeFirstOrThrow();
      return `/initiatives/evaluations/${id}`;
    };
    const declare = async (p: Awaited<ReturnType<typeof person>>, url: string, declaration: string) =>
      expect((await p.agent.submit(url, `${url}/declaration`, { declaration, note: '' })).statusCode).toBe(303);
    await declare(reader, await assign(file.id, reader.email), 'declared_none');
    await assign(file.id, undeclared.email);
    await declare(recused, await assign(file.id, recused.email), 'recused');
    await declare(otherReviewer, await assign(other.id, otherReviewer.email), 'declared_none');

    const status = async (agent: Agent) => (await agent.get(file.url)).statusCode;
    expect(await status(holder.agent)).toBe(200);
    expect((await holder.agent.get(file.url)).rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await holder.agent.get(file.url)).headers['content-disposition']).toContain('attachment');
    expect(await status(reader.agent)).toBe(200);
    expect(await status(staff.agent)).toBe(200);
    expect(await status(undeclared.agent)).toBe(404);
    expect(await status(recused.agent)).toBe(404);
    expect(await status(otherReviewer.agent)).toBe(404);
    expect(await status(otherApplicant.agent)).toBe(404);
    const anonymous = await new Agent(app.server).get(file.url);
    expect(anonymous.statusCode).not.toBe(200);
    expect(anonymous.rawPayload.subarray(0, 5).toString()).not.toBe('%PDF-');
    // The attachment's id under another file's address gives nothing either.
    expect((await otherApplicant.agent.get(file.url.replace(file.id, other.id))).statusCode).toBe(404);

    // A reviewer's declarations are in their export; erased, the assignment no longer names them.
    const hooks = app.modules.find((m) => m.name === 'initiatives')!.personalData!;
    const exported = (await hooks.export(recused.id, recused.email)) as { reviews: Array<{ conflict: string }> };
    expect(exported.reviews.map((r) => r.conflict)).toEqual(['recused']);
    await app.platform.db.transaction().execute((trx) => hooks.erase(trx, recused.id, recused.email));
    expect(await app.platform.db.selectFrom('initiative_reviewers').select('id').where('user_id', '=', recused.id).executeTakeFirst()).toBeUndefined();
    expect(await app.platform.db.selectFrom('initiative_reviewers').select('id').where('application_id', '=', file.id).execute()).toHaveLength(3);
  });

  it('exports a holder’s files and erases a draft with its attachment', async () => {
    const staff = await person(app, 'animator');
    await staff.agent.submit('/admin/initiatives/nouveau', '/admin/initiatives/nouveau', callForm({ title: 'Fonds RGPD', slug: 'fonds-rgpd' }));
    const holder = await person(app, 'user', 'À effacer');
    const start = await holder.agent.submit('/initiatives/fonds-rgpd', '/initiatives/fonds-rgpd/candidature', {});
    const id = String(start.headers.location).split('/').pop()!;
    expect((await postFile(holder.agent, id, (r) => projectForm(r))).statusCode).toBe(303);
    expect((await upload(app, holder.agent, id, 'statuts.pdf', PDF, 'statutes')).statusCode).toBe(303);
    const hooks = app.modules.find((m) => m.name === 'initiatives')!.personalData!;
    const exported = (await hooks.export(holder.id, holder.email)) as { files: Array<{ title: string; budget: unknown[]; attachments: Array<{ filename: string }> }> };
    expect(exported.files[0].title).toBe('Fête des voisins de la rue de l’Alma');
    expect(exported.files[0].budget).toHaveLength(5);
    expect(exported.files[0].attachments[0].filename).toBe('statuts.pdf');
    await app.platform.db.transaction().execute((trx) => hooks.erase(trx, holder.id, holder.email));
    expect(await app.platform.db.selectFrom('initiative_applications').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    expect(await app.platform.db.selectFrom('initiative_attachments').select('id').where('application_id', '=', id).executeTakeFirst()).toBeUndefined();
  });
});
