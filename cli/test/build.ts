// The tests run the built CLI as a child process: build it from the current sources first.
import { execFile } from 'node:child_process';
import path from 'node:path';

export default async function setup() {
  const cwd = path.resolve(import.meta.dirname, '..');
  await new Promise<void>((resolve, reject) => {
    execFile('npm', ['run', 'build'], { cwd }, (error, _stdout, stderr) =>
      error ? reject(new Error(`npm run build -w @conclave/cli failed:\n${stderr}`)) : resolve(),
    );
  });
}
