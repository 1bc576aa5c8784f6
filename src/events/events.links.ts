import crypto from 'node:crypto';

/**
 * Personal links are `<registration id>.<HMAC>`: nothing to look up to refuse a forged one, and
 * bumping the registration's link_version revokes every link sent before (a re-registration).
 * The check-in code of the QR code has its own purpose, so it cannot be used to cancel.
 */
export function createLinkSigner(secret: () => Promise<string>) {
  const sign = async (purpose: string, id: string, version: number) =>
    crypto
      .createHmac('sha256', await secret())
      .update(`${purpose}:${id}:${version}`)
      .digest('base64url')
      .slice(0, 27);

  async function verify(purpose: string, token: string, versionOf: (id: string) => Promise<number | null>): Promise<string | null> {
    const m = /^([0-9a-z]{9,40})\.([A-Za-z0-9_-]{27})$/.exec(token);
    if (!m) return null;
    const version = await versionOf(m[1]);
    if (version === null) return null;
    const expected = Buffer.from(await sign(purpose, m[1], version));
    const given = Buffer.from(m[2]);
    return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? m[1] : null;
  }

  return {
    personal: async (id: string, version: number) => `${id}.${await sign('personal', id, version)}`,
    checkin: async (id: string) => `${id}.${await sign('checkin', id, 0)}`,
    verifyPersonal: (token: string, versionOf: (id: string) => Promise<number | null>) => verify('personal', token, versionOf),
    verifyCheckin: (token: string) => verify('checkin', token, async () => 0),
  };
}
export type LinkSigner = ReturnType<typeof createLinkSigner>;
