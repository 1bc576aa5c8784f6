import type { Translate } from '../platform/i18n/i18n.ts';
import type { NetworkContext } from './network.context.ts';

/** The headers and footer every mailing-list message carries (a post, a digest), so that mail clients offer to unsubscribe. */
export function createListMail({ platform, publicUrl }: NetworkContext) {
  const fromAddress = /<([^>]+)>/.exec(platform.config.mailFrom)?.[1] ?? platform.config.mailFrom;
  const listDomain = new URL(publicUrl).hostname || 'palabre.local';
  return {
    headers(token: string): Record<string, string> {
      const url = `${publicUrl}/reseau/liste/desabonnement/${token}`;
      return {
        'List-Unsubscribe': `<${url}>, <mailto:${fromAddress}?subject=${encodeURIComponent(`desabonnement liste ${token}`)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'List-Id': `<liste.${listDomain}>`,
        'List-Archive': `<${publicUrl}/reseau/liste>`,
        Precedence: 'list',
      };
    },

    footer(tr: Translate, token: string) {
      return [
        tr('network.mail.list.why'),
        `${tr('network.mail.list.unsubscribe')} : ${publicUrl}/reseau/liste/desabonnement/${token}`,
        `${tr('network.mail.list.preferences')} : ${publicUrl}/reseau/preferences`,
      ];
    },
  };
}
export type ListMail = ReturnType<typeof createListMail>;
