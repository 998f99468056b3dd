/**
 * The pool's own SRP maths (RFC 5054 3072-bit group, Cognito's encodings), public as
 * `cognito-local-user-pool/srp` so independent clients and benchmarks can build on the same
 * primitives the server checks with. Written apart from any client library on purpose: the pool
 * is a referee, so it must not share code with the clients it checks.
 */
export { N, g, k, enc, sha256, bytesToBigInt, modPow, computeX, derivePasswordKey } from './srp-server.js';
export { formatTimestamp } from './timestamp.js';
