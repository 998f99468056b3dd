/** Locked vault: the unlock form (shared with the options page), then the account list. */
import { unlockForm } from '../../ui/components/unlock-form';
import type { PopupContext, ViewRenderer } from '../popup-context';

export const unlockView: ViewRenderer<{ name: 'unlock' }> = (ctx: PopupContext) => {
  const { form, password } = unlockForm('', () => ctx.refresh());
  ctx.main.append(form);
  password.focus();
};
