import type { Catalogue } from '../platform/i18n/i18n.ts';

export const accountsCatalogue: Catalogue = {
  fr: {
    'accounts.signedOut': 'Vous êtes déconnecté·e.',
  },
  en: {
    'accounts.signedOut': 'You are signed out.',
  },
};
