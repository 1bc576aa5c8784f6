import { type Command, load } from './command.ts';

export const demo: Command = {
  name: 'demo',
  summary: 'demo                  charge le jeu de données de démonstration',
  help: `Usage : palabre demo

Charge le jeu de données de démonstration (rencontres, ressources, forum d'Arras...).
Ne fait rien si la base contient déjà des comptes.`,
  async run({ config }) {
    const [{ buildApp }, { isEmpty, loadDemo }] = await Promise.all([load.app(), load.demo()]);
    const app = await buildApp(config);
    try {
      if (!(await isEmpty(app))) {
        console.log('La base contient déjà des comptes : la démonstration n’est pas rechargée.');
        return 0;
      }
      await loadDemo(app);
      console.log('Données de démonstration chargées.');
    } finally {
      await app.close();
    }
    return 0;
  },
};
