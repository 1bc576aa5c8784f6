import { type Command, load, UsageError } from './command.ts';

export const createAdmin: Command = {
  name: 'create-admin',
  summary: 'create-admin EMAIL    crée (ou promeut) un compte administrateur',
  help: `Usage : palabre create-admin EMAIL [--name NOM] [--password MOT_DE_PASSE]

Crée un compte administrateur pour EMAIL, ou donne le rôle d'administrateur au compte
existant. Sans mot de passe, la personne se connecte par lien envoyé par courriel.`,
  options: { name: { type: 'string' }, password: { type: 'string' } },
  maxPositionals: 1,
  async run({ values, positionals, config }) {
    const email = positionals[0];
    const password = typeof values.password === 'string' ? values.password : undefined;
    const name = typeof values.name === 'string' ? values.name : undefined;
    if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError('Indiquez une adresse e-mail valide : palabre create-admin prenom.nom@exemple.fr');
    if (password !== undefined && password.length < 10) throw new UsageError('Le mot de passe doit contenir au moins 10 caractères.');
    const [{ buildApp }, { default: argon2 }] = await Promise.all([load.app(), import('argon2')]);
    const app = await buildApp(config);
    try {
      const passwordHash = password ? await argon2.hash(password, { type: argon2.argon2id }) : null;
      const { created } = await app.services.accounts.service.ensureUser({ email, name: name ?? email.split('@')[0], role: 'admin', membership: 'approved', passwordHash });
      console.log(created ? `Compte administrateur créé pour ${email}.` : `${email} est maintenant administrateur·rice.`);
      console.log(`Connexion : ${config.publicUrl}/connexion`);
    } finally {
      await app.close();
    }
    return 0;
  },
};
