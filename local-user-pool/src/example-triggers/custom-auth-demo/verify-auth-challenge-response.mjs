// Example VerifyAuthChallengeResponse trigger: exact match with the private answer.
export async function handler(event) {
  event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
  return event;
}
