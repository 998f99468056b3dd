/**
 * One sign-in, from the button press to the tokens. Sends `sign-in` (`sign-in-tab` for "Sign in
 * this tab", whose refusals, e.g. a page keeping its session in cookies, show as the failure) (or `flow-status` when
 * resuming a waiting flow), polls `flow-status` while the background works, shows each prompt's
 * form and sends `flow-answer`, and `flow-cancel` on Cancel. Escape or Back returns to the list
 * without cancelling: a waiting flow then appears under pending approvals.
 */
import type { FlowView } from '../../shared/views';
import type { Prompt } from '../../cognito/engine/prompts';
import { ask, BackgroundError } from '../../ui/ask-background';
import { h, replaceChildren } from '../../ui/dom';
import { errorDetails, errorText, explain, showErrorIn } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';
import type { PopupContext, View, ViewRenderer } from '../popup-context';
import { flowResultSection } from './flow-result';
import { progressItems } from './flow-progress';
import { plainProgressItems } from './plain-progress';
import { promptForm } from './prompts';

/** How often to ask how a running flow is doing; network steps take ~100 ms–2 s each. */
const POLL_MS = 400;

/**
 * Refusals that mean the background never answered the request: unreachable (Chromium: the
 * port closed), no-answer (Firefox resolves with nothing when the event page dies while another
 * extension page is listening), or, the request resent to a restarted worker, flow-not-waiting.
 */
const NO_ANSWER_CODES: readonly string[] = ['unreachable', 'no-answer', 'flow-not-waiting'];

/** A new flow's id, chosen here so the flow can be found even if the sign-in request gets no answer. */
function newFlowId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const signInFlowView: ViewRenderer<Extract<View, { name: 'flow' }>> = (ctx: PopupContext, view) => {
  let current: FlowView | undefined;
  let pollTimer: number | undefined;
  let left = false;

  const back = h('button', { type: 'button', id: 'flow-back', 'data-testid': 'flow-back', text: t('back') });
  const status = h('p', { 'data-testid': 'flow-status', id: 'flow-status', role: 'status', 'aria-live': 'polite', 'data-status': 'starting', text: t('flowStarting') });
  // The background's own (English) words about a failure, when they add something to the
  // translated sentence: closed behind a labelled disclosure (errorDetails).
  const failureDetail = h('div', { 'data-testid': 'flow-error-detail', hidden: true });
  // What is happening in plain words; the protocol's own steps behind "Details" (closed at first).
  const plain = h('ol', { class: 'plain-steps', 'data-testid': 'flow-plain', 'aria-label': t('flowPlainStepsLabel') });
  const steps = h('ol', { class: 'steps', 'data-testid': 'flow-progress', 'aria-label': t('flowStepsLabel') });
  // A disclosure button rather than <details>: its name and state (aria-expanded) reach every screen reader alike.
  steps.id = 'flow-steps';
  steps.hidden = true;
  const detailsToggle = h('button', {
    type: 'button', class: 'link', id: 'flow-details-toggle', 'data-testid': 'flow-details-toggle', 'aria-expanded': 'false', 'aria-controls': steps.id,
    text: t('flowDetails'),
    on: { click: () => {
      steps.hidden = !steps.hidden;
      detailsToggle.setAttribute('aria-expanded', String(!steps.hidden));
    } },
  });
  const details = h('div', { class: 'flow-details', 'data-testid': 'flow-details' }, detailsToggle, steps);
  const body = h('div', { id: 'flow-body' });
  const cancel = h('button', { type: 'button', class: 'danger', id: 'flow-cancel', 'data-testid': 'flow-cancel', text: t('cancelSignIn') });
  const retry = h('button', { type: 'button', id: 'flow-retry', 'data-testid': 'flow-retry', text: t('tryAgain'), hidden: true });

  ctx.main.append(
    h('div', { class: 'row' }, back, h('h2', { class: 'grow', id: 'flow-title', text: t('signingInTo', view.label) })),
    status, failureDetail, plain, body, details, h('div', { class: 'actions' }, cancel, retry));

  /**
   * #flow-status is the view's live region. Polling renders the same status every 400 ms; writing
   * unchanged text would make screen readers repeat "Signing in…" over and over.
   */
  const setStatus = (text: string) => {
    if (status.textContent !== text) status.textContent = text;
  };

  const leave = () => void ctx.refresh();
  back.addEventListener('click', leave);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      leave();
    }
  };
  document.addEventListener('keydown', onKey);

  cancel.addEventListener('click', async () => {
    if (!current) return;
    try {
      render((await ask({ type: 'flow-cancel', flowId: current.flowId })).flow);
    } catch (error) {
      showFailure(error);
    }
  });
  retry.addEventListener('click', () => void start());

  async function start(): Promise<void> {
    retry.hidden = true;
    replaceChildren(body);
    const resuming = view.flowId !== undefined && !current;
    const flowId = resuming ? view.flowId! : newFlowId();
    try {
      const { flow } = resuming
        ? await ask({ type: 'flow-status', flowId })
        : view.tabId !== undefined
          ? await ask({ type: 'sign-in-tab', accountId: view.accountId, tabId: view.tabId, flowId })
          : await ask({ type: 'sign-in', accountId: view.accountId, flowId });
      render(flow);
    } catch (error) {
      await showFlowOrFailure(flowId, error);
    }
  }

  /**
   * The worker was stopped before it answered (the request was on the wire): the background saved
   * the flow before each request, so the restarted worker reports it, as interrupted, with Try
   * again. Anything else (or no flow found) shows the error itself.
   */
  async function showFlowOrFailure(flowId: string, error: unknown): Promise<void> {
    const flow = await flowAfterNoAnswer(flowId, error);
    if (flow) render(flow);
    else showFailure(error);
  }

  /**
   * The flow as the (restarted) background has it, when `error` says the background did not
   * answer, or (the request resent to a restarted worker) that the flow no longer waits for it.
   */
  async function flowAfterNoAnswer(flowId: string, error: unknown): Promise<FlowView | undefined> {
    if (!(error instanceof BackgroundError) || !NO_ANSWER_CODES.includes(error.code)) return undefined;
    try {
      return (await ask({ type: 'flow-status', flowId })).flow;
    } catch {
      return undefined;
    }
  }

  function schedulePoll(flowId: string): void {
    window.clearTimeout(pollTimer);
    pollTimer = window.setTimeout(async () => {
      if (left) return;
      try {
        render((await ask({ type: 'flow-status', flowId })).flow);
      } catch (error) {
        await showFlowOrFailure(flowId, error);
      }
    }, POLL_MS);
  }

  /** `freshPrompt`: the person just answered, so a prompt in the answer is a new one even if it looks the same. */
  function render(flow: FlowView, freshPrompt = false): void {
    if (left) return;
    const previous = current;
    current = flow;
    status.dataset.status = flow.status;
    status.classList.toggle('error', flow.status === 'failed');
    replaceChildren(plain, ...plainProgressItems(flow.progress, flow.status));
    replaceChildren(steps, ...progressItems(flow.progress, flow.status === 'running'));
    cancel.hidden = flow.status !== 'running' && flow.status !== 'needs-input';
    retry.hidden = flow.status !== 'failed' && flow.status !== 'cancelled';
    failureDetail.hidden = true;
    replaceChildren(failureDetail);

    switch (flow.status) {
      case 'running':
        setStatus(t('flowRunning'));
        if (previous?.status !== 'running') replaceChildren(body);
        schedulePoll(flow.flowId);
        break;
      case 'needs-input':
        setStatus(t('flowNeedsInput'));
        // Re-rendering the same prompt would wipe what the person is typing.
        if (flow.prompt && (freshPrompt || previous?.status !== 'needs-input' || JSON.stringify(previous.prompt) !== JSON.stringify(flow.prompt))) {
          showPrompt(flow, flow.prompt);
        }
        break;
      case 'signed-in':
        setStatus(t('flowSignedIn'));
        replaceChildren(body, flow.result ? flowResultSection(flow.result) : null);
        body.querySelector<HTMLElement>('button')?.focus();
        break;
      case 'failed': {
        const failure = explain(flow.error ?? { code: '', message: '' });
        setStatus(t('flowFailed', failure.text));
        status.dataset.errorCode = failure.code;
        replaceChildren(failureDetail, errorDetails(failure));
        failureDetail.hidden = !failure.detail;
        replaceChildren(body);
        retry.focus();
        break;
      }
      case 'cancelled':
        setStatus(t('flowCancelled'));
        replaceChildren(body);
        retry.focus();
        break;
    }
  }

  function showPrompt(flow: FlowView, prompt: Prompt): void {
    const form = promptForm(prompt);
    const formError = h('p', { class: 'error', role: 'alert', 'data-testid': 'prompt-error', hidden: true });
    // A form that words its own error shows it beside its field (a wrong password); else above the form.
    if (prompt.error && !form.showsPromptError) showErrorIn(formError, prompt.error);
    const element = h('form', { id: 'prompt-form', 'data-testid': 'prompt-form', 'data-prompt-kind': prompt.kind, novalidate: true, 'aria-labelledby': 'prompt-title' },
      h('h3', { id: 'prompt-title', text: t(`promptKind_${prompt.kind.replace(/-/g, '_')}`) }),
      formError, ...form.body, h('div', { class: 'actions' }, ...form.buttons));
    element.addEventListener('submit', async (event) => {
      event.preventDefault();
      const checked = form.collect(event.submitter);
      if (!checked.ok) {
        form.showError(checked.field, t(checked.errorKey));
        return;
      }
      for (const button of form.buttons) button.disabled = true;
      setStatus(t('flowRunning'));
      try {
        render((await ask({ type: 'flow-answer', flowId: flow.flowId, answer: checked.answer })).flow, true);
      } catch (error) {
        const after = await flowAfterNoAnswer(flow.flowId, error);
        if (after) return render(after);
        showErrorIn(formError, error);
        formError.hidden = false;
        for (const button of form.buttons) button.disabled = false;
      }
    });
    replaceChildren(body, element);
    form.focus.focus();
  }

  function showFailure(error: unknown): void {
    status.dataset.status = 'error';
    status.classList.add('error');
    setStatus(errorText(error));
    retry.hidden = false;
    cancel.hidden = true;
  }

  void start();
  return () => {
    left = true;
    window.clearTimeout(pollTimer);
    document.removeEventListener('keydown', onKey);
  };
};
