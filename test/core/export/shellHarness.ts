import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CapturedCall {
  /** curl's arguments as bytes, exactly as the shell passed them. */
  argv: Buffer[];
  /** What was piped into curl (empty when nothing was). */
  stdin: Buffer;
}

export interface ShellRun {
  calls: Array<CapturedCall | undefined>;
  /** How many times each command called curl. */
  callCounts: number[];
  stderr: string;
  /** Files in the work directory other than the harness's own: anything a payload created. */
  strayFiles: string[];
}

export const SHELLS = ['bash', 'dash', 'zsh'].filter((shell) => ['/bin', '/usr/bin'].some((dir) => existsSync(join(dir, shell))));

// Locally a missing shell is skipped; under CI bash and dash are required (scripts/ensure-system-deps.sh
// installs them; zsh is optional there), so the shell round trips cannot pass having run in none.
const missingUnderCi = process.env.CI ? ['bash', 'dash'].filter((shell) => !SHELLS.includes(shell)) : [];
if (missingUnderCi.length > 0) throw new Error(`shell round trips need ${missingUnderCi.join(' and ')} under CI`);

/**
 * Runs many generated commands in ONE shell process with `curl` replaced by a
 * function that records its argv (NUL-separated) and stdin. Commands run in
 * the work directory, so a payload that escaped quoting and ran `touch x`
 * would leave a stray file behind.
 */
export function runCommands(shell: string, commands: string[]): ShellRun {
  const dir = mkdtempSync(join(tmpdir(), 'td-curl-'));
  try {
    const out = join(dir, '.out');
    // Forks are the cost here (one per pipeline side): under bash the last pipeline
    // element runs in the shell itself (lastpipe) and stdin is copied with builtins.
    const copyStdin = shell === 'bash' ? `{ while IFS= read -r -d '' c; do printf '%s\\0' "$c"; done; printf '%s' "$c"; }` : 'cat';
    const script = [
      `mkdir '${out}' && cd '${dir}' || exit 99`,
      ...(shell === 'bash' ? ['shopt -s lastpipe'] : []),
      `curl() { echo "$N" >> '${out}/calls'; printf '%s\\0' "$@" > "${out}/$N.argv"; if [ -p /dev/stdin ]; then ${copyStdin} > "${out}/$N.stdin"; fi; }`,
      ...commands.flatMap((command, i) => [`N=${i}`, command]),
      '',
    ].join('\n');
    writeFileSync(join(dir, '.script'), script);
    let stderr = '';
    try {
      execFileSync(shell, [join(dir, '.script')], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26, env: { ...process.env, LC_ALL: 'C' } });
    } catch (error) {
      stderr = String((error as { stderr?: unknown }).stderr ?? error) || 'non-zero exit';
    }
    const callCounts = commands.map(() => 0);
    const callsFile = join(out, 'calls');
    if (existsSync(callsFile)) {
      for (const line of readFileSync(callsFile, 'utf8').split('\n')) if (line !== '') callCounts[Number(line)]! += 1;
    }
    const calls = commands.map((_, i): CapturedCall | undefined => {
      const argvFile = join(out, `${i}.argv`);
      if (!existsSync(argvFile)) return undefined;
      const raw = readFileSync(argvFile);
      const argv: Buffer[] = [];
      let start = 0;
      for (let at = raw.indexOf(0); at >= 0; at = raw.indexOf(0, start)) {
        argv.push(raw.subarray(start, at));
        start = at + 1;
      }
      const stdinFile = join(out, `${i}.stdin`);
      return { argv, stdin: existsSync(stdinFile) ? readFileSync(stdinFile) : Buffer.alloc(0) };
    });
    const strayFiles = readdirSync(dir).filter((name) => name !== '.out' && name !== '.script');
    return { calls, callCounts, stderr, strayFiles };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
