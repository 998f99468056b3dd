// Example CreateAuthChallenge trigger: the expected answer comes from clientMetadata.magic
// (default "open sesame") so tests can vary it; only the hint is public.
export async function handler(event) {
  const answer = event.request.clientMetadata?.magic ?? 'open sesame';
  event.response.publicChallengeParameters = { hint: `${answer.length} letters`, attempt: String(event.request.session.length + 1) };
  event.response.privateChallengeParameters = { answer };
  event.response.challengeMetadata = 'MAGIC_WORD';
  return event;
}
