// Reading a sign-in's progress in tests: the events are data (kind + fields), so tests assert on
// kinds and fields, never on the English sentences the popup shows for them.
type Event = { kind: string; [field: string]: unknown };

/** The kinds of the events, in order. */
export function kindsOf(events: readonly Event[]): string[] {
  return events.map((e) => e.kind);
}

/** The ChallengeNames the engine reported (its `challenge` events), in order. */
export function challengesOf(events: readonly Event[]): string[] {
  return events.filter((e) => e.kind === 'challenge').map((e) => String(e.name));
}

/** Every text field of an event (what the popup may show of it). */
export function textFieldsOf(event: Event): string[] {
  return Object.values(event).filter((v): v is string => typeof v === 'string');
}
