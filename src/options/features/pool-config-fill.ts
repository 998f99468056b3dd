/**
 * "Fill from what you have", at the top of a new Cognito account's form: paste an Amplify
 * configuration or a Hosted UI / console address, or choose the configuration file. The text is
 * read by ../pool-config (never run, never sent anywhere); the fields it can fill are filled, and
 * a list under the box says what was filled from which kind of source and what that source
 * cannot tell (a Hosted UI link never names the pool), so the person sees it before saving.
 */
import { h, replaceChildren } from '../../ui/dom';
import { announce } from '../../ui/components/announcer';
import { textAreaField } from '../../ui/components/form-field';
import { t } from '../../ui/i18n';
import { fieldHints, MAX_POOL_CONFIG_CHARS, readPoolConfig, type PoolConfigField, type PoolConfigFinding, type PoolConfigProblem, type PoolConfigResult } from '../pool-config';

// Functions rather than keys, so every sentence is a literal t('…') call (ui-i18n-keys finds them).
const FIELD_LABEL: Record<PoolConfigField, () => string> = {
  userPoolId: () => t('userPoolIdLabel'), clientId: () => t('clientIdLabel'), endpoint: () => t('endpointLabel'),
};
const SOURCE_TEXT: Record<PoolConfigFinding['source'], () => string> = {
  'amplify-outputs': () => t('configSourceAmplifyOutputs'),
  'amplify-config': () => t('configSourceAmplifyConfig'),
  'aws-exports': () => t('configSourceAwsExports'),
  'amplify-resources': () => t('configSourceAmplifyResources'),
  'hosted-ui-url': () => t('configSourceHostedUi'),
  'console-url': () => t('configSourceConsole'),
};
const PROBLEM_TEXT: Record<PoolConfigProblem, () => string> = {
  empty: () => t('configProblemEmpty'),
  'too-large': () => t('configProblemTooLarge', String(MAX_POOL_CONFIG_CHARS / (1024 * 1024))),
  'not-recognised': () => t('configProblemNotRecognised'),
  'not-parseable': () => t('configProblemNotParseable'),
  'no-user-pool': () => t('configProblemNoUserPool'),
};

/** `fill` gets the values to fill and, for fields the source tells only part of, their shape (fieldHints). */
export function poolConfigFill(fill: (values: Partial<Record<PoolConfigField, string>>, hints: Partial<Record<PoolConfigField, string>>) => void): HTMLElement {
  const text = textAreaField({ id: 'cognito-config-text', label: t('configPasteLabel'), hint: t('configPasteHint') });
  const read = h('button', { type: 'button', id: 'cognito-config-read', text: t('configReadButton') });
  const file = h('input', { type: 'file', id: 'cognito-config-file', 'data-testid': 'cognito-config-file', accept: '.json,.js,.mjs,.ts,application/json,text/javascript' });
  const result = h('div', { id: 'cognito-config-result', 'data-testid': 'cognito-config-result', hidden: true });

  const show = (outcome: PoolConfigResult) => {
    result.hidden = false;
    if (!outcome.ok) {
      replaceChildren(result, h('p', { class: 'error', role: 'alert', 'data-testid': 'cognito-config-problem', dataset: { problem: outcome.problem },
        text: PROBLEM_TEXT[outcome.problem]() }));
      return;
    }
    const f = outcome.finding;
    fill(f.values, fieldHints(f));
    const filled = (Object.keys(f.values) as PoolConfigField[]).map((field) =>
      h('li', { 'data-testid': 'cognito-config-filled', dataset: { field } }, `${FIELD_LABEL[field]()}: `, h('code', { text: f.values[field]! })));
    const facts = [
      f.region ? h('li', { 'data-testid': 'cognito-config-region' }, `${t('configRegion')}: `, h('code', { text: f.region })) : null,
      f.domain ? h('li', { 'data-testid': 'cognito-config-domain' }, `${t('configDomain')}: `, h('code', { text: f.domain })) : null,
      f.responseType ? h('li', {}, `${t('configResponseType')}: `, h('code', { text: f.responseType })) : null,
    ];
    const unknown = f.notLearnt.map((field) => h('p', { class: 'hint', 'data-testid': 'cognito-config-not-learnt', dataset: { field },
      text: t(field === 'userPoolId' && f.region ? 'configNotLearntPoolInRegion' : 'configNotLearnt', FIELD_LABEL[field](), f.region ?? '') }));
    const rejected = f.rejected.map((field) => h('p', { class: 'warning', 'data-testid': 'cognito-config-rejected', dataset: { field },
      text: t('configRejected', FIELD_LABEL[field]()) }));
    const summary = filled.length > 0 ? t('configFilledFrom', SOURCE_TEXT[f.source]()) : t('configNothingFilled', SOURCE_TEXT[f.source]());
    replaceChildren(result, h('p', { id: 'cognito-config-summary', text: summary }),
      h('ul', { class: 'config-filled' }, ...filled, ...facts.filter((n): n is HTMLLIElement => n !== null)), ...rejected, ...unknown);
    announce(summary);
  };

  read.addEventListener('click', () => show(readPoolConfig(text.input.value)));
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    // Checked before reading: a huge file is refused without loading it.
    if (chosen.size > MAX_POOL_CONFIG_CHARS) return show({ ok: false, problem: 'too-large' });
    show(readPoolConfig(await chosen.text()));
  });

  return h('fieldset', { id: 'cognito-config', class: 'config-fill' },
    h('legend', { text: t('configLegend') }),
    h('p', { class: 'hint', id: 'cognito-config-intro', text: t('configIntro') }),
    h('div', { class: 'field' }, h('label', { for: 'cognito-config-file', text: t('configFileLabel') }), file),
    text.wrapper,
    h('div', { class: 'actions' }, read),
    result);
}
