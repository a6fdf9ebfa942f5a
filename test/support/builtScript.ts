import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/paths';

const run = promisify(execFile);

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a built script (dist/scripts/<name>.js, made by Jest's global setup) with exactly `env`; a failing exit is returned, not thrown. */
export async function runBuiltScript(name: string, args: string[], env: Record<string, string>, cwd: string): Promise<ScriptRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'scripts', `${name}.js`), ...args], { env, cwd });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
