import { describeShellRoundTrip } from './curlRoundTrip';
import { SHELLS } from './shellHarness';

// dash (POSIX sh) and zsh when installed; fewer generated requests, since every
// pipeline costs forks and these shells cannot run the last one in place.
for (const shell of SHELLS.filter((s) => s !== 'bash')) describeShellRoundTrip(shell, 1000);
