import { z } from 'zod';
import type { AllowList } from './settings';

/** The staff member a studio request acts for (what a route handler receives). */
export const staffSchema = z.object({
  /** Stable: the Entra object id (`oid`, else `sub`), or `local:<name>` for the local link. */
  id: z.string().min(1),
  email: z.string().optional(),
  name: z.string().min(1),
});
export type Staff = z.infer<typeof staffSchema>;

/** What the logs say of a staff member: the email, or the local name. Nothing else. */
export const staffLabel = (staff: Staff): string => staff.email ?? staff.name;

/** The ID token claims we read (Entra ID v2.0 names). */
const claimsSchema = z.object({
  sub: z.string().min(1),
  oid: z.string().min(1).optional(),
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
  preferred_username: z.string().optional(),
  name: z.string().optional(),
  groups: z.array(z.string()).optional(),
});

export type SignInVerdict = { allowed: true; staff: Staff } | { allowed: false; shownAs: string };

/**
 * Allowed when the email is listed or when one of the `groups` claim's object ids is. The email
 * is the `email` claim (unless the provider says it is unverified), else `preferred_username`
 * when it is an address (Entra's UPN: users without a mailbox have no `email` claim); both are
 * set by the tenant's administrators, and the issuer is pinned to that tenant. Entra sends no
 * `groups` claim past 200 groups (overage): such a member must be allowed by email.
 */
export function judgeSignIn(rawClaims: unknown, allow: AllowList): SignInVerdict {
  const claims = claimsSchema.parse(rawClaims);
  const address = claims.email ?? (claims.preferred_username?.includes('@') ? claims.preferred_username : undefined);
  const email = claims.email_verified === false ? undefined : address?.trim().toLowerCase();
  const shownAs = claims.email ?? claims.preferred_username ?? claims.name ?? claims.sub;
  const byEmail = email !== undefined && allow.emails.has(email);
  const byGroup = (claims.groups ?? []).some((g) => allow.groups.has(g.toLowerCase()));
  if (!byEmail && !byGroup) return { allowed: false, shownAs };
  return { allowed: true, staff: { id: claims.oid ?? claims.sub, email, name: claims.name ?? shownAs } };
}
