/**
 * Browser side of the timeline benchmark: 100k attempts binned in the core and
 * drawn by the Timeline chart, timed and counted. Results go to window.__timelineBench.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { TimelineChart } from '../src/components/ThreatDrilldown/TimelineChart';
import { ThreatDeckProvider } from '../src/hooks/ThreatDeckProvider';
import { binAttempts, chooseBucketMs } from '../src/core/timeline';
import { createTestAdapter } from '../src/testing/createTestAdapter';

const N = 100_000;
const WIDTH = 960;
const RUNS = 15;
const HOUR = 3_600_000;

function makeAttempts(n: number, seed = 42) {
  let s = seed;
  const rand = () => ((s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const from = Date.UTC(2026, 0, 1);
  const timestamps = new Float64Array(n);
  const outcomes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // A steady background over three days plus a burst.
    timestamps[i] = i % 5 === 0 ? from + 40 * HOUR + rand() * HOUR : from + rand() * 72 * HOUR;
    outcomes[i] = rand() < 0.7 ? 0 : rand() < 0.8 ? 1 : 2;
  }
  return { timestamps, outcomes, from, to: from + 72 * HOUR };
}

const adapter = createTestAdapter();
const data = makeAttempts(N);
const host = document.getElementById('root')!;
const runs: Array<{ bin: number; render: number; layout: number; total: number; svgElements: number; buckets: number }> = [];

for (let r = 0; r < RUNS; r++) {
  const container = document.createElement('div');
  host.appendChild(container);
  const root = createRoot(container);
  const t0 = performance.now();
  const bucketMs = chooseBucketMs(data.to - data.from, Math.floor(WIDTH / 8));
  const timeline = binAttempts(data, { from: data.from, to: data.to, bucketMs });
  const t1 = performance.now();
  flushSync(() =>
    root.render(
      <ThreatDeckProvider adapter={adapter}>
        <TimelineChart timeline={timeline} width={WIDTH} onZoom={() => {}} title="Attempts over time" description="bench" />
      </ThreatDeckProvider>,
    ),
  );
  const t2 = performance.now();
  // Force style and layout so "draw" includes the browser's work, not only React's.
  container.getBoundingClientRect();
  void document.body.offsetHeight;
  const t3 = performance.now();
  runs.push({
    bin: t1 - t0,
    render: t2 - t1,
    layout: t3 - t2,
    total: t3 - t0,
    svgElements: container.querySelectorAll('svg, svg *').length,
    buckets: timeline.buckets.length,
  });
  root.unmount();
  container.remove();
}

(window as unknown as { __timelineBench: unknown }).__timelineBench = { attempts: N, width: WIDTH, runs };
