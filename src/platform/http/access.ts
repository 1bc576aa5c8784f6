/** Who may open a route. Every route declares one (see server.ts, which refuses to start otherwise). */
export type Access = 'public' | 'signed-in' | 'member' | 'animator' | 'admin';

export type AccountRole = 'user' | 'animator' | 'admin';
export type Membership = 'none' | 'pending' | 'approved';

export interface CurrentUser {
  id: string;
  sessionId: string;
  name: string;
  email: string;
  role: AccountRole;
  membership: Membership;
  lang: 'fr' | 'en';
}

export const can = {
  signedIn: (u: CurrentUser | null): u is CurrentUser => u !== null,
  /** Approved members, and the staff who run the network. */
  readMembersOnly: (u: CurrentUser | null) => u !== null && (u.membership === 'approved' || u.role !== 'user'),
  animate: (u: CurrentUser | null) => u !== null && (u.role === 'animator' || u.role === 'admin'),
  administer: (u: CurrentUser | null) => u !== null && u.role === 'admin',
};

export function allows(access: Access, user: CurrentUser | null): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'signed-in':
      return can.signedIn(user);
    case 'member':
      return can.readMembersOnly(user);
    case 'animator':
      return can.animate(user);
    case 'admin':
      return can.administer(user);
  }
}
