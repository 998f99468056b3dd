/**
 * The countdown beside a TOTP code: a ring that empties over the period plus the seconds left.
 * The ring and number are hidden from screen readers (a per-second update would be noise); the
 * account list announces the approach of expiry through the announcer instead.
 */
import { svg, h } from '../dom';
import type { CountdownState } from '../countdown-math';

const RADIUS = 7;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;
/** Below this many seconds the ring turns to the warning colour: time to wait for the next code. */
const LOW_SECONDS = 5;

export interface CountdownView {
  element: HTMLElement;
  update(state: CountdownState): void;
}

export function createCountdown(): CountdownView {
  const arc = svg('circle', { class: 'arc', cx: 9, cy: 9, r: RADIUS, 'stroke-dasharray': CIRCUMFERENCE.toFixed(2), 'stroke-dashoffset': 0 });
  const ring = svg('svg', { viewBox: '0 0 18 18', 'aria-hidden': 'true', focusable: 'false' },
    svg('circle', { class: 'track', cx: 9, cy: 9, r: RADIUS }), arc);
  const seconds = h('span', { 'aria-hidden': 'true', 'data-testid': 'countdown-seconds' });
  const element = h('span', { class: 'countdown', 'data-testid': 'countdown' });
  element.append(ring, seconds);
  return {
    element,
    update(state) {
      arc.setAttribute('stroke-dashoffset', (CIRCUMFERENCE * (1 - state.fractionLeft)).toFixed(2));
      seconds.textContent = String(state.secondsLeft);
      element.classList.toggle('low', state.secondsLeft <= LOW_SECONDS);
    },
  };
}
