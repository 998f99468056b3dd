// Records what the fetch-based official clients (amazon-cognito-identity-js, Amplify) exchange
// with the pool. It passes every request through untouched; tests use it only to check which
// operations and challenges happened and what SRP_B the pool sent. Secrets stay in memory: test
// assertions compare operation/challenge names and numbers, never request bodies.

export interface WireExchange {
  operation: string;
  /** ChallengeName of the request (RespondToAuthChallenge) or AuthFlow (InitiateAuth). */
  sentStep?: string;
  status: number;
  /** ChallengeName of the answer, or "tokens" when it carried an AuthenticationResult. */
  answeredStep?: string;
  errorType?: string;
  challengeParameters?: Record<string, string>;
}

export interface WireLog {
  readonly exchanges: WireExchange[];
  /** `Operation(sent)->answer` strings, e.g. `RespondToAuthChallenge(PASSWORD_VERIFIER)->DEVICE_SRP_AUTH`. */
  steps(): string[];
  clear(): void;
  stop(): void;
}

type JsonObject = Record<string, unknown>;

function asObject(value: unknown): JsonObject {
  return value && typeof value === 'object' ? (value as JsonObject) : {};
}

function stringField(obj: JsonObject, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

function parseJson(text: string): JsonObject {
  try {
    return asObject(JSON.parse(text));
  } catch {
    return {};
  }
}

export function recordWire(endpoint: string): WireLog {
  const original = globalThis.fetch;
  const exchanges: WireExchange[] = [];
  const origin = new URL(endpoint).origin;

  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).origin !== origin) return original(request);
    const target = request.headers.get('x-amz-target') ?? '';
    const body = parseJson(await request.clone().text());
    const response = await original(request);
    const answer = parseJson(await response.clone().text());
    const operation = target.split('.').pop() ?? target;
    const errorType = (response.headers.get('x-amzn-errortype') ?? stringField(answer, '__type'))
      ?.split(':')[0]
      ?.split('#')
      .pop();
    exchanges.push({
      operation,
      sentStep: stringField(body, 'ChallengeName') ?? stringField(body, 'AuthFlow'),
      status: response.status,
      answeredStep: response.ok
        ? (stringField(answer, 'ChallengeName') ?? (answer['AuthenticationResult'] ? 'tokens' : undefined))
        : undefined,
      errorType: response.ok ? undefined : errorType,
      challengeParameters: answer['ChallengeParameters'] as Record<string, string> | undefined,
    });
    return response;
  };
  globalThis.fetch = recording;

  return {
    exchanges,
    steps: () =>
      exchanges.map((e) => {
        const sent = e.sentStep ? `(${e.sentStep})` : '';
        const outcome = e.errorType ?? e.answeredStep ?? `${e.status}`;
        return `${e.operation}${sent}->${outcome}`;
      }),
    clear: () => {
      exchanges.length = 0;
    },
    stop: () => {
      globalThis.fetch = original;
    },
  };
}
