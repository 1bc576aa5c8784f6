import { describe, expect, it } from 'vitest';
import { parseAgendaQuery, parseEventForm, parseQuestions, readAnswers } from './events.schema.ts';

// The events forms' messages are the platform's field messages: an i18n key, its limits as parameters.

describe('events form messages', () => {
  it('puts an impossible agenda month on the month field and keeps the other filters', () => {
    const r = parseAgendaQuery({ mois: '2027-13', thematique: 'mobilite' });
    expect(r.errors).toEqual({ mois: { key: 'events.agenda.invalidMonth' } });
    expect(r.filters).toMatchObject({ month: '', theme: 'mobilite' });
    expect(r.typedMonth).toBe('2027-13');
    expect(parseAgendaQuery({ mois: '2027-03' })).toMatchObject({ errors: {}, filters: { month: '2027-03' } });
  });

  it('checks the answers to the custom questions, with the limit of a long text', () => {
    const { questions } = parseQuestions('choix*: Atelier | Mobilité | Énergie\ntexte: Régime\ncase*: Accès adapté');
    const [choice, text, box] = questions;
    const r = readAnswers(questions, { [choice.id]: 'Autre', [text.id]: 'x'.repeat(1001) });
    expect(r.errors).toEqual({
      [choice.id]: { key: 'form.invalid' },
      [text.id]: { key: 'form.tooLong', params: { max: 1000 } },
      [box.id]: { key: 'form.required' },
    });
    expect(readAnswers(questions, { [choice.id]: 'Énergie', [box.id]: 'oui' }).errors).toEqual({});
  });

  it('reports the event form field by field: schema, line syntaxes and the rules between fields', () => {
    const missing = parseEventForm({ title: '', status: 'draft', registrationMode: 'open' });
    expect(missing.errors).toMatchObject({ title: { key: 'form.required', params: { min: 1 } }, startDay: { key: 'form.required' } });
    const rules = parseEventForm({ title: 'Atelier', startDay: '2027-06-10', endDay: '2027-06-09', status: 'draft', registrationMode: 'open', programme: 'vers midi', membersReserved: '5' });
    expect(rules.errors).toEqual({
      programme: { key: 'events.form.programmeSyntax' },
      endDay: { key: 'events.form.endBeforeStart' },
      membersReserved: { key: 'events.form.reservedNeedsCapacity' },
    });
  });
});
