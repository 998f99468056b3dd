/** The unlocked view: sign-ins waiting for the person, "This tab" (on a web page), search box, the account list, adding an account, and QR scanning. */
import { h } from '../../ui/dom';
import { showErrorIn } from '../../ui/components/error-text';
import type { PopupContext, ViewRenderer, View } from '../popup-context';
import { createAccountList } from './account-list';
import { pageApprovalsSection } from './page-approvals';
import { pendingApprovalsSection } from './pending-approvals';
import { addAccountSection } from './add-account';
import { scanTabButton } from './scan-tab';
import { createSearchBox } from './search-box';
import { thisTabPanel } from './this-tab';

export const accountsView: ViewRenderer<Extract<View, { name: 'accounts' }>> = (ctx: PopupContext, view) => {
  let disposed = false;
  const disposers: (() => void)[] = [];
  const errorLine = h('p', { class: 'error', role: 'alert', hidden: true });
  const pages = pageApprovalsSection(ctx, view.status.pageApprovals);
  const pending = pendingApprovalsSection(ctx, view.status.pendingApprovals);
  ctx.main.append(...[pages, pending, errorLine].filter((n): n is HTMLElement => n !== null));

  // "This tab" is drawn with the list, above it, so the list does not jump down under the pointer.
  const thisTab = thisTabPanel(ctx).catch((error: unknown) => {
    showErrorIn(errorLine, error);
    errorLine.hidden = false;
    return null;
  });
  void Promise.all([createAccountList(ctx), thisTab]).then(([list, tabPanel]) => {
    if (disposed) return list.dispose();
    const search = createSearchBox((query) => list.filter(query), () => list.focusFirst());
    disposers.push(() => list.dispose(), () => search.dispose());
    ctx.main.append(...[tabPanel, search.element, list.element, addAccountSection(ctx), scanTabButton(ctx)].filter((n): n is HTMLElement => n !== null));
    // Waiting approvals come first: they are why the popup was opened.
    // A page's approval: its Deny button (never Approve: see page-approvals.ts).
    if (pages) pages.querySelector<HTMLElement>('[data-testid=page-approval-deny]')?.focus();
    else if (pending) pending.querySelector<HTMLElement>('button')?.focus();
    else search.input.focus();
  }, (error: unknown) => {
    showErrorIn(errorLine, error);
    errorLine.hidden = false;
  });

  return () => {
    disposed = true;
    for (const dispose of disposers) dispose();
  };
};
