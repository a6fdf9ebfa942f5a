import http from 'node:http';
import type { CaptureChannel } from './captureChannel';
import { type JourneyStep, normalise } from './journeyScript';

export interface LoadOptions {
  botUrl: string;
  channel: CaptureChannel;
  /** Conversations in flight at once (simulated users, no think time). */
  concurrency: number;
  /** Journeys to play in all; each user plays one after another. */
  journeys: number;
  /** The turns of one journey (a prefix of it for conversations left in progress). */
  steps: readonly JourneyStep[];
  /** Conversation ids are `${prefix}-${n}`: unique per run so every journey starts afresh. */
  prefix: string;
  /** Check each turn's replies against the step's `expect` (off for the echo bot: one reply is enough). */
  checkReplies: boolean;
  /** Put users out of step before measuring (default true; see `user` below). */
  outOfStep?: boolean;
  /** The bot process's CPU time (ms), read around each turn: meaningful with one user only. */
  cpuMs?: () => number;
}

export interface LoadResult {
  /** Every measured turn's latency (ms): POST /api/messages sent → its HTTP response received. */
  latencies: number[];
  /** Turns the bot served, the unmeasured ones that put users out of step included. */
  turns: number;
  /** The slowest turn of each journey, in the order journeys started. */
  slowestPerJourney: { ms: number; step: number }[];
  /** With `cpuMs`: the most CPU time the bot spent on one turn of each journey. */
  maxCpuPerJourney: number[];
  elapsedMs: number;
  completed: number;
  failures: string[];
}

// One pool of kept-alive connections per bot, as a channel keeps them.
const agents = new Map<string, http.Agent>();

/**
 * POSTs and resolves with the status. A kept-alive connection the server closed while idle fails
 * as it is reused: that request is sent again on a fresh one (the bots ignore a repeated activity id).
 */
function post(url: string, body: string, retried = false): Promise<number> {
  const agent = agents.get(url) ?? new http.Agent({ keepAlive: true, maxSockets: 256 });
  agents.set(url, agent);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', (err) => (req.reusedSocket && !retried ? post(url, body, true).then(resolve, reject) : reject(err)));
    req.end(body);
  });
}

export function closeAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

/**
 * Plays `journeys` conversations through a bot's /api/messages, `concurrency` at a time, as a
 * channel does (replies go to the capture channel's serviceUrl). The bot answers the POST once
 * its replies have been delivered to the channel, so a turn's latency (POST sent → response)
 * includes the delivery of every reply of that turn.
 */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const slowestPerJourney: { ms: number; step: number }[] = [];
  const maxCpuPerJourney: number[] = [];
  const failures: string[] = [];
  let next = 0;
  let completed = 0;
  let turns = 0;
  const started = performance.now();

  /** Plays journey n (measured), or with n < 0 an unmeasured prefix. */
  const playJourney = async (n: number, steps = opts.steps): Promise<void> => {
    const measured = n >= 0;
    const conversationId = measured ? `${opts.prefix}-${n}` : `${opts.prefix}-offset${-n}`;
    const slowest = { ms: 0, step: 0 };
    let maxCpu = 0;
    if (measured) [slowestPerJourney[n], maxCpuPerJourney[n]] = [slowest, 0];
    for (const [i, step] of steps.entries()) {
      const activity = {
        type: 'message',
        id: `${conversationId}-m${i + 1}`,
        timestamp: new Date().toISOString(),
        channelId: 'webchat',
        serviceUrl: opts.channel.url,
        locale: 'fr-FR',
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
        from: { id: `user-${conversationId}`, name: 'Utilisateur' },
        recipient: { id: 'bot', name: 'Bot' },
        text: step.text,
      };
      const cpuBefore = opts.cpuMs?.();
      const sent = performance.now();
      const status = await post(`${opts.botUrl}/api/messages`, JSON.stringify(activity));
      const ms = performance.now() - sent;
      turns++;
      if (measured) {
        latencies.push(ms);
        if (ms > slowest.ms) Object.assign(slowest, { ms, step: i + 1 });
        if (cpuBefore !== undefined) maxCpuPerJourney[n] = maxCpu = Math.max(maxCpu, opts.cpuMs!() - cpuBefore);
      }
      const replies = opts.channel.take(conversationId);
      if (status !== 200) throw new Error(`turn ${i + 1} ("${step.text}"): HTTP ${status}`);
      if (replies.length === 0) throw new Error(`turn ${i + 1} ("${step.text}"): no reply`);
      if (opts.checkReplies && !normalise(replies.join('\n')).includes(normalise(step.expect))) {
        throw new Error(`turn ${i + 1} ("${step.text}"): expected "${step.expect}", the bot said:\n${replies.join('\n---\n')}`);
      }
    }
  };

  const user = async (u: number): Promise<void> => {
    // Users out of step: all starting the same script together would hit its costly turns in
    // bursts. User u first plays an unmeasured prefix of u/users of the journey elsewhere.
    const offset = opts.outOfStep === false ? 0 : Math.floor((u * opts.steps.length) / opts.concurrency);
    if (offset > 0) {
      await playJourney(-1 - u, opts.steps.slice(0, offset)).catch((err: Error) => failures.push(`${opts.prefix}-offset${u + 1}: ${err.message}`));
    }
    while (next < opts.journeys) {
      const n = next++;
      try {
        await playJourney(n);
        completed++;
      } catch (err) {
        failures.push(`${opts.prefix}-${n}: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, opts.journeys) }, (_, u) => user(u)));
  return { latencies, turns, slowestPerJourney, maxCpuPerJourney, elapsedMs: performance.now() - started, completed, failures };
}
