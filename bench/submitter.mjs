// Child process of bench/export.mjs: POSTs a new idea every 1/rate s to a collector until told to
// stop, then reports the latencies. It runs in its own process so that the bench's download (which
// reads hundreds of megabytes and counts their lines on its own event loop) cannot delay the
// submissions it is measuring: what is timed is the collector, not the bench.
//
//   fork('bench/submitter.mjs') ; send { url, site, rate, schemaRoot } ; later send 'stop' ;
//   receives { submitted, submitFailures, submitP50Ms, submitP99Ms, submitMaxMs, sendDelayP99Ms }
import { Agent, request } from 'node:http';
import { join } from 'node:path';

const keepAlive = new Agent({ keepAlive: true, maxSockets: 64 });

/**
 * Each latency counts from when the request was due, so requests that could not even be sent while
 * the server stalled are counted as waiting. `sendDelay` is how late this process itself sent them.
 */
function submitAtRate({ url, site, rate }, uuidv7) {
  const latencies = [];
  const sendDelays = [];
  const failures = [];
  const started = performance.now();
  let sent = 0;
  let stopped = false;
  const inFlight = new Set();
  const one = (due) => {
    const body = JSON.stringify({
      id: uuidv7(),
      site,
      widget: 'idea-box',
      schemaVersion: 1,
      sentAt: new Date().toISOString(),
      locale: 'nl',
      data: { kind: 'idea', text: 'Een idee terwijl de download loopt', wantsToHelp: false },
      trap: { honeypot: '', elapsedMs: 8000 },
    });
    sendDelays.push(performance.now() - due);
    const p = new Promise((resolve) => {
      const req = request(`${url}/v1/sites/${site}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        agent: keepAlive,
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 201) latencies.push(performance.now() - due);
          else failures.push(res.statusCode);
          resolve();
        });
      });
      req.on('error', (e) => {
        failures.push(e.message);
        resolve();
      });
      req.end(body);
    });
    inFlight.add(p);
    p.finally(() => inFlight.delete(p));
  };
  const tick = () => {
    if (stopped) return;
    const now = performance.now();
    while (started + (sent * 1000) / rate <= now) one(started + (sent++ * 1000) / rate);
    setTimeout(tick, 2);
  };
  tick();
  return async () => {
    stopped = true;
    await Promise.all(inFlight);
    const at = (list, q) => {
      list.sort((a, b) => a - b);
      return list[Math.min(list.length - 1, Math.floor(q * list.length))] ?? NaN;
    };
    return {
      submitted: latencies.length,
      submitFailures: failures.length,
      submitP50Ms: at(latencies, 0.5),
      submitP99Ms: at(latencies, 0.99),
      submitMaxMs: latencies.at(-1) ?? NaN,
      sendDelayP99Ms: at(sendDelays, 0.99),
    };
  };
}

let stop;
process.on('message', async (message) => {
  if (message === 'stop') {
    process.send(await stop());
    stop = undefined;
  } else {
    const { uuidv7 } = await import(join(message.schemaRoot, 'dist/schema/index.js'));
    stop = submitAtRate(message, uuidv7);
    process.send('started');
  }
});
process.on('disconnect', () => process.exit(0));
