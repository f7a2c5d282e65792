import { defaultIo, runCli } from '../src/lib/server/cli';

process.exitCode = await runCli(process.argv.slice(2), defaultIo());
