// An Amplify v6 web app as people build them: aws-amplify configured for one user pool, and
// @aws-amplify/ui-react's <Authenticator> doing the whole sign-in (SRP, the TOTP step, device
// confirmation) with markup nobody in this repository wrote. Signed in, it shows the username and
// the result of fetchUserAttributes, an authenticated call (GetUser with the access token).
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Amplify } from 'aws-amplify';
import { fetchUserAttributes, type FetchUserAttributesOutput } from 'aws-amplify/auth';
import { Authenticator } from '@aws-amplify/ui-react';
import '@aws-amplify/ui-react/styles.css';
import { loadPoolConfig, showFatal } from '../shared/runtime-config';

type Attributes = { state: 'loading' } | { state: 'done'; value: FetchUserAttributesOutput } | { state: 'failed'; error: string };

function SignedIn({ username, signOut }: { username: string; signOut: () => void }) {
  const [attributes, setAttributes] = useState<Attributes>({ state: 'loading' });
  const load = useCallback(() => {
    setAttributes({ state: 'loading' });
    fetchUserAttributes().then(
      (value) => setAttributes({ state: 'done', value }),
      (error: unknown) => setAttributes({ state: 'failed', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
    );
  }, []);
  // The call runs on its own once signed in, so "signed in and the session works" is one look.
  useEffect(load, [load]);
  return (
    <main>
      <h1>
        Signed in as <span data-testid="signed-in-username">{username}</span>
      </h1>
      <button type="button" onClick={load}>Fetch attributes again</button>{' '}
      <button type="button" onClick={signOut}>Sign out</button>
      {attributes.state === 'loading' && <p data-testid="attributes-loading">Loading attributes…</p>}
      {attributes.state === 'done' && <pre data-testid="attributes">{JSON.stringify(attributes.value, null, 2)}</pre>}
      {attributes.state === 'failed' && <p data-testid="attributes-error">{attributes.error}</p>}
    </main>
  );
}

async function start(): Promise<void> {
  const pool = await loadPoolConfig();
  Amplify.configure({
    Auth: { Cognito: { userPoolId: pool.userPoolId, userPoolClientId: pool.clientId, userPoolEndpoint: pool.endpoint } },
  });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Authenticator hideSignUp>
        {({ user, signOut }) => <SignedIn username={user?.username ?? ''} signOut={() => signOut?.()} />}
      </Authenticator>
    </StrictMode>,
  );
}

start().catch(showFatal);
