/** Payments of a call's grants and their exports: staff of the call (platform animators or the call's managers, i.e. the association gestionnaire). */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm } from '../platform/forms/forms.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import { ACCOUNTS_AMOUNTS, accountsTable, actionSheetTable, SHEET_AMOUNTS, type Table, toCsv, toXlsx } from './initiatives.exports.ts';
import { paymentSchema } from './initiatives.committee.schema.ts';
import type { FollowUpService } from './initiatives.committee.service.ts';
import { PaymentsPage } from './initiatives.payments.views.tsx';

const param = (req: FastifyRequest) => String((req.params as { id?: string }).id ?? '').slice(0, 100);
const signedIn = { config: { access: 'signed-in' as const } };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function initiativesPaymentsRoutes(service: FollowUpService, themeNames: (lang: Lang) => Promise<Map<string, string>>): FastifyPluginAsync {
  const p = service.payments;
  const send = (reply: FastifyReply, body: string | Buffer, type: string, name: string) =>
    reply.header('content-type', type).header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'private, no-store').send(body);
  const sheet = async (req: FastifyRequest): Promise<{ table: Table; name: string }> => {
    const vm = await p.payments(req.user, param(req));
    return { table: actionSheetTable(await p.actionSheet(req.user, vm.call.id), await themeNames(req.lang), req.t), name: `fiche-action-${vm.call.slug}` };
  };
  const accounts = async (req: FastifyRequest) => {
    const vm = await p.payments(req.user, param(req));
    return { table: accountsTable(vm, req.t), name: `versements-${vm.call.slug}` };
  };

  return async (app) => {
    app.get('/admin/initiatives/:id/versements', signedIn, async (req, reply) => reply.html(<PaymentsPage ctx={req.ctx} vm={await p.payments(req.user, param(req))} />));

    app.post('/admin/initiatives/:id/versements', signedIn, async (req, reply) => {
      const vm = await p.payments(req.user, param(req));
      const parsed = parseForm(paymentSchema, req.body);
      if (!parsed.ok) return reply.html(<PaymentsPage ctx={req.ctx} vm={vm} form={{ trancheId: parsed.values.tranche_id ?? '', values: parsed.values, errors: parsed.errors }} />, 400);
      if (!vm.rows.some((r) => r.id === parsed.data.tranche_id)) return reply.html(<PaymentsPage ctx={req.ctx} vm={vm} />, 404);
      await p.markPaid(req.user!, parsed.data.tranche_id, parsed.data.paid_on, parsed.data.reference);
      return reply.flashRedirect(`/admin/initiatives/${vm.call.id}/versements`, 'initiatives.payments.saved');
    });

    app.get('/admin/initiatives/:id/versements.csv', signedIn, async (req, reply) => {
      const { table, name } = await accounts(req);
      return send(reply, toCsv(table), 'text/csv; charset=utf-8', `${name}.csv`);
    });
    app.get('/admin/initiatives/:id/versements.xlsx', signedIn, async (req, reply) => {
      const { table, name } = await accounts(req);
      return send(reply, await toXlsx(table, req.t('initiatives.payments.sheetAccounts'), req.lang, ACCOUNTS_AMOUNTS), XLSX, `${name}.xlsx`);
    });
    app.get('/admin/initiatives/:id/fiche-action.csv', signedIn, async (req, reply) => {
      const { table, name } = await sheet(req);
      return send(reply, toCsv(table), 'text/csv; charset=utf-8', `${name}.csv`);
    });
    app.get('/admin/initiatives/:id/fiche-action.xlsx', signedIn, async (req, reply) => {
      const { table, name } = await sheet(req);
      return send(reply, await toXlsx(table, req.t('initiatives.payments.sheetRegion'), req.lang, SHEET_AMOUNTS), XLSX, `${name}.xlsx`);
    });
  };
}
