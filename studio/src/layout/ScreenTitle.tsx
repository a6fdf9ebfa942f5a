import { type ReactNode, useEffect, useRef } from 'react';
import { hasNavigated } from '../shared/navigation/router';

/**
 * A screen's heading. After moving to another screen, focus goes to it (tabIndex -1), so that a
 * keyboard or screen reader user starts at the top of the new screen, not on a stale link.
 */
export function ScreenTitle({ children, intro }: { children: ReactNode; intro?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus();
  }, []);
  return (
    <div className="screen-head">
      <h2 id="screen-title" tabIndex={-1} ref={ref}>
        {children}
      </h2>
      {intro ? <p className="intro">{intro}</p> : null}
    </div>
  );
}
