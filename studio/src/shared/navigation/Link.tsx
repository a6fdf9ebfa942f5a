import type { AnchorHTMLAttributes } from 'react';
import { followLink } from './router';

/** A link to another studio screen: a real link (new tab works), followed without a reload. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...props} onClick={followLink} />;
}
