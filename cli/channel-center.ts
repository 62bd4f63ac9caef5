// The `channel-center` command (cli/bin.mjs runs it through tsx): the process's streams and
// environment handed to run(). Ctrl-C aborts the requests under way (exit 130) or ends
// `events tail --follow` where it is (exit 0, the cursor printed); a second Ctrl-C exits at once.
import { run } from './program.js';

const interrupted = new AbortController();
process.once('SIGINT', () => {
  interrupted.abort();
  process.once('SIGINT', () => process.exit(130));
});

process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, signal: interrupted.signal });
