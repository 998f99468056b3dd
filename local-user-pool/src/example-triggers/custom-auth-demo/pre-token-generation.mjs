// Example PreTokenGeneration trigger (v1 event): adds a claim to the ID token and hides one.
export async function handler(event) {
  event.response.claimsOverrideDetails = {
    claimsToAddOrOverride: { 'custom:signed_in_via': event.triggerSource },
    claimsToSuppress: ['phone_number'],
  };
  return event;
}
