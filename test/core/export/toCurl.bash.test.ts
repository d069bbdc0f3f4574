import { describeShellRoundTrip } from './curlRoundTrip';

// The full 5,000 generated requests through bash, the analysts' usual shell.
describeShellRoundTrip('bash', 5000);
