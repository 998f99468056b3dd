// Runs the Debian `aws` CLI (v1, botocore) against the local pool. The arguments carry test
// passwords, so nothing here ever puts the command line into an error message.
import { spawn } from 'node:child_process';
import { DUMMY_CREDENTIALS } from './setup';

export const AWS_CLI = '/usr/bin/aws';

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface CliTarget {
  endpoint: string;
  region: string;
}

const CLI_TIMEOUT_MS = 30_000;

/**
 * `aws cognito-idp <subcommand> ...` with `--endpoint-url` and `--output json`. The CLI v1 has no
 * `--no-cli-pager` (a v2 option it rejects as unknown), and it never pages; AWS_PAGER is emptied
 * anyway so a v2 on another machine would not page either.
 */
export function cognitoIdp(target: CliTarget, subcommand: string, args: string[]): Promise<CliResult> {
  const argv = ['cognito-idp', subcommand, ...args, '--endpoint-url', target.endpoint, '--output', 'json'];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: DUMMY_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DUMMY_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: target.region,
    AWS_REGION: target.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    // Keep any real profile on the machine out of the referee run.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(AWS_CLI, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`aws cognito-idp ${subcommand} did not finish within ${CLI_TIMEOUT_MS} ms`));
    }, CLI_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${AWS_CLI}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? -1, stdout, stderr });
    });
  });
}

/** Parses the CLI's JSON output, failing with the CLI's stderr (which holds no secrets) if it did not succeed. */
export function cliJson<T>(result: CliResult, what: string): T {
  if (result.exitCode !== 0) {
    throw new Error(`aws ${what} exited with ${result.exitCode}: ${result.stderr.trim()}`);
  }
  return JSON.parse(result.stdout) as T;
}
