// Example DefineAuthChallenge trigger (Lambda event shape): optional SRP first, then one
// CUSTOM_CHALLENGE ("what is the magic word?"); three wrong answers fail the sign-in.
export async function handler(event) {
  const session = event.request.session;
  const last = session[session.length - 1];
  if (last && last.challengeName === 'SRP_A') {
    event.response.challengeName = 'PASSWORD_VERIFIER';
  } else if (last && last.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult === true) {
    event.response.issueTokens = true;
  } else if (session.filter((s) => s.challengeName === 'CUSTOM_CHALLENGE').length >= 3) {
    event.response.failAuthentication = true;
  } else {
    event.response.challengeName = 'CUSTOM_CHALLENGE';
  }
  return event;
}
