import { z } from 'zod';

export const ROLES = ['elu', 'technicien', 'habitant', 'salarie-associatif', 'autre'] as const;
export const ORG_TYPES = ['collectivite', 'epci', 'association', 'entreprise', 'collectif', 'etablissement-public', 'autre'] as const;
export const DELIVERIES = ['each', 'daily', 'weekly', 'web'] as const;

const text = (max: number) => z.string().trim().max(max, { message: 'form.tooLong' });
const required = (max: number) => text(max).pipe(z.string().min(1, { message: 'form.required' }));
const many = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(80)).max(50));

export const joinSchema = z.object({
  name: required(120),
  email: z.string().trim().min(1, { message: 'form.required' }).max(254, { message: 'form.tooLong' }).email({ message: 'form.invalidEmail' }),
  role: z.enum(ROLES, { message: 'network.join.roleRequired' }),
  org_name: required(200),
  org_type: z.enum(ORG_TYPES, { message: 'network.join.orgTypeRequired' }),
  territory: z.string().regex(/^(commune|epci|departement|region):[0-9AB]{2,9}$/, { message: 'network.join.territoryRequired' }),
  themes: many,
  motivation: required(3000),
  directory: z.string().max(10).optional(),
  charter: z.literal('oui', { message: 'network.join.charterRequired' }),
});
export type JoinInput = z.infer<typeof joinSchema>;

export const decisionSchema = z.object({
  decision: z.enum(['approve', 'refuse', 'info']),
  message: text(3000),
});

export const postSchema = z.object({
  title: required(200),
  body: required(20_000),
  /** One address per line: Palabre paths ("/ressources/…") or http(s) links. */
  links: text(3000).optional().default(''),
});

export const replySchema = z.object({
  body: required(20_000),
});

export const contactSchema = z.object({
  subject: required(200),
  message: required(5000),
});

export const preferencesSchema = z.object({
  delivery: z.enum(DELIVERIES),
  directory: z.string().max(10).optional(),
});

export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,80}$/);

/** Links in a post: Palabre paths and http(s) addresses only (no javascript: or data: URLs). */
export function parseLinks(text: string): string[] {
  return text
    .split(/\s+/)
    .map((l) => l.trim())
    .filter((l) => /^\/[^/\\]/.test(l) || /^https?:\/\/[^\s<>"]+$/i.test(l))
    .slice(0, 20);
}
