// The one rule for the ids messages carry (accounts, flows, approvals): ./requests.ts and
// ./account-order.ts both take it from here, so they cannot drift apart.
import * as v from 'valibot';

export const IdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'id must be 1-64 of A-Z a-z 0-9 _ -'));
