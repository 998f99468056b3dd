/**
 * The protocol core's public surface: everything outside src/cognito imports from here.
 * Pure TypeScript without browser APIs, so it runs in node (tests, the local pool's referees)
 * and in the extension's service worker.
 */

// Wire: transport, typed operations, request/response types, validation, errors.
export * from './errors';
export * from './validate';
export * from './transport';
export * from './api';
export type * from './api-types';

// Building blocks of the challenges.
export * from './bytes';
export * from './clock';
export * from './secret-hash';
export * from './timestamp';
export * from './totp-uri';
export * from './srp/errors';
export * from './srp/group';
export * from './srp/modpow';
export * from './srp/fixed-base';
export * from './srp/ephemeral';
export * from './srp/password-claim';
export * from './srp/device-verifier';

// The sign-in engine.
export * from './engine/index';
