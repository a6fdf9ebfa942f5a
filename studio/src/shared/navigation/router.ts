import { type MouseEvent, useSyncExternalStore } from 'react';

/** The studio's screens, each at /studio/<screen> (the journey's map at /studio/). */
export const SCREENS = ['journey', 'texts', 'rules', 'calendar', 'yaml', 'scenarios', 'publish', 'versions', 'insights'] as const;
export type Screen = (typeof SCREENS)[number];

/** The screens that edit the draft: the try pane can sit beside them. */
export const EDITING: ReadonlySet<Screen> = new Set(['journey', 'texts', 'rules', 'calendar', 'yaml']);

const BASE = '/studio/';

export function screenOf(pathname: string): Screen {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length).split('/')[0] : '';
  return (SCREENS as readonly string[]).includes(rest) ? (rest as Screen) : 'journey';
}

export function hrefOf(screen: Screen, params: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const query = search.toString();
  return `${BASE}${screen === 'journey' ? '' : screen}${query ? `?${query}` : ''}`;
}

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
};
const snapshot = () => window.location.pathname + window.location.search;

let navigated = false;
/** Whether the staff member moved to another screen since the page loaded (focus then follows). */
export const hasNavigated = (): boolean => navigated;

/** Moves to another screen without reloading the page (the browser's back button works). */
export function navigate(href: string, replace = false): void {
  if (href === snapshot()) return;
  navigated = true;
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  listeners.forEach((listener) => listener());
}

export function useRoute(): { screen: Screen; params: URLSearchParams } {
  const where = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(where, window.location.origin);
  return { screen: screenOf(url.pathname), params: url.searchParams };
}

/** A click on an in-studio link: handled here, unless the user asked for a new tab or window. */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute('href') ?? BASE);
}
