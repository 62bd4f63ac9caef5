// The one narrow-screen breakpoint of the portal (a phone: under 640 px) and the visually-hidden style the
// shell and the tables share.
import { useEffect, useState } from 'react';

export const NARROW_QUERY = '(max-width: 639px)';
/** A makeStyles key for styles that apply under 640 px only. */
export const NARROW = `@media ${NARROW_QUERY}`;

/** Hidden on screen, still read by assistive technology. */
export const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

const matchesNarrow = () => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(NARROW_QUERY).matches;

/** Whether the window is narrower than 640 px (a phone), following its resizes. */
export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(matchesNarrow);
  useEffect(() => {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return;
    const list = window.matchMedia(NARROW_QUERY);
    const changed = () => setNarrow(list.matches);
    changed();
    list.addEventListener('change', changed);
    return () => list.removeEventListener('change', changed);
  }, []);
  return narrow;
}
