// A web app on amazon-cognito-identity-js, written the way its README shows: a username and
// password form (USER_SRP_AUTH), then its own TOTP step (totpRequired → a code field →
// sendMFACode(code, …, 'SOFTWARE_TOKEN_MFA')), then the signed-in user and getUserAttributes, an
// authenticated call (GetUser with the access token). On load it resumes the session the library
// finds in localStorage, as such apps do, so a session written into the page shows after a reload.
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type IAuthenticationCallback,
} from 'amazon-cognito-identity-js';
import { loadPoolConfig, showFatal } from '../shared/runtime-config';

function element<T extends HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`the page has no ${selector}`);
  return found;
}

const signInForm = element<HTMLFormElement>('#sign-in-form');
const totpForm = element<HTMLFormElement>('#totp-form');
const signedIn = element<HTMLElement>('#signed-in');
const failure = element<HTMLElement>('[data-testid="sign-in-error"]');

function show(section: HTMLElement | null): void {
  for (const candidate of [signInForm, totpForm, signedIn]) candidate.hidden = candidate !== section;
}

function showError(error: unknown): void {
  failure.textContent = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  failure.hidden = false;
}

function loadAttributes(user: CognitoUser): void {
  const result = element<HTMLElement>('[data-testid="attributes"]');
  const error = element<HTMLElement>('[data-testid="attributes-error"]');
  result.hidden = true;
  error.hidden = true;
  user.getUserAttributes((err, attributes) => {
    if (err || !attributes) {
      error.textContent = err ? `${err.name}: ${err.message}` : 'no attributes';
      error.hidden = false;
      return;
    }
    result.textContent = JSON.stringify(Object.fromEntries(attributes.map((a) => [a.getName(), a.getValue()])), null, 2);
    result.hidden = false;
  });
}

function showSignedIn(user: CognitoUser): void {
  failure.hidden = true;
  element('[data-testid="signed-in-username"]').textContent = user.getUsername();
  show(signedIn);
  element<HTMLButtonElement>('#fetch-attributes').onclick = () => loadAttributes(user);
  element<HTMLButtonElement>('#sign-out').onclick = () => {
    user.signOut();
    show(signInForm);
  };
  loadAttributes(user);
}

function signIn(pool: CognitoUserPool, username: string, password: string): void {
  const user = new CognitoUser({ Username: username, Pool: pool });
  const callbacks: IAuthenticationCallback = {
    onSuccess: () => showSignedIn(user),
    onFailure: showError,
    totpRequired: () => {
      failure.hidden = true;
      show(totpForm);
      element<HTMLInputElement>('#totpCode').focus();
      totpForm.onsubmit = (event) => {
        event.preventDefault();
        const code = element<HTMLInputElement>('#totpCode').value.trim();
        user.sendMFACode(code, { onSuccess: () => showSignedIn(user), onFailure: showError }, 'SOFTWARE_TOKEN_MFA');
      };
    },
    mfaSetup: () => showError(new Error('This app cannot set up MFA; enrol the user first.')),
    newPasswordRequired: () => showError(new Error('This app cannot set a new password.')),
  };
  user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), callbacks);
}

async function start(): Promise<void> {
  const config = await loadPoolConfig();
  const pool = new CognitoUserPool({ UserPoolId: config.userPoolId, ClientId: config.clientId, endpoint: config.endpoint });
  signInForm.onsubmit = (event) => {
    event.preventDefault();
    const data = new FormData(signInForm);
    signIn(pool, String(data.get('username') ?? ''), String(data.get('password') ?? ''));
  };
  const current = pool.getCurrentUser();
  if (!current) return show(signInForm);
  current.getSession((err: Error | null, session: CognitoUserSession | null) => {
    if (!err && session?.isValid()) showSignedIn(current);
    else show(signInForm);
  });
}

start().catch(showFatal);
