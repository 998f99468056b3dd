/** What each popup view gets: where to draw, and how to switch to another view. */
import type { Results } from '../shared/views';

export type StatusResult = Results['status'];

export type View =
  | { name: 'setup' }
  | { name: 'unlock' }
  | { name: 'accounts'; status: StatusResult }
  /**
   * `flowId` is set when resuming a waiting flow; otherwise the view starts a sign-in for
   * `accountId`, for the tab `tabId` when given ("Sign in this tab": the session goes into it).
   */
  | { name: 'flow'; accountId: string; label: string; flowId?: string; tabId?: number };

export interface PopupContext {
  main: HTMLElement;
  show(view: View): void;
  /** Asks the background for its state and shows the matching view (setup, unlock or accounts). */
  refresh(): Promise<void>;
}

/** A view draws into ctx.main and returns what to stop (timers, listeners) when it is left. */
export type ViewRenderer<V extends View> = (ctx: PopupContext, view: V) => (() => void) | void;
