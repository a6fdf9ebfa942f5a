/** Command-line options of `npm run bench` (defaults finish in a few minutes on two cores). */
export interface Level {
  users: number;
  journeys: number;
}

export interface BenchOptions {
  levels: Level[];
  /** Conversations started and left mid-journey before reading the bot's RSS. */
  inProgress: number;
  /** Turns each of those conversations plays. */
  inProgressTurns: number;
  /** Short conversations played to their end, to see whether memory stays flat. */
  finished: number;
  /** Journeys of the in-process insights micro-benchmark (engine alone, then insights alone). */
  insightsJourneys: number;
  journalMs: number;
  /** Extra node/V8 arguments for our bot's process (e.g. "--cpu-prof", a V8 flag to try). */
  botNodeArgs: string[];
  /**
   * Rounds of each concurrency level, the two bots alternating (bot, echo, then echo, bot…); a
   * level's figures pool every round. On a shared machine whose speed drifts within a minute, one
   * long run each puts the bot and the echo bot at different moments of the machine.
   */
  rounds: number;
}

const USAGE = `usage: npm run bench -- [--quick] [--users 1,10,50] [--journeys-per-user N] [--rounds N] [--in-progress N] [--finished N] [--journal-seconds N] [--bot-node-args "ARGS"]
  --quick               a smoke run: one journey per user, 100 conversations in progress, 200 finished, 0.5 s of journal writes
  --users               concurrency levels (simulated users, each plays whole journeys back to back)
  --journeys-per-user   journeys each user plays at every level, in each round (default 10 at 1 user, 3 at 10, 2 at 50)
  --rounds              rounds of every level, the bot and the echo bot alternating; figures pool the rounds (default 2)
  --in-progress         conversations left mid-journey (5 turns each) before reading the RSS (default 1000)
  --finished            short conversations played to their end; RSS read after a tenth and after all (default 10000)
  --journal-seconds     how long to time needs journal writes (default 3)
  --bot-node-args       node arguments for the bot's process only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const args = [...argv];
  const quick = args.includes('--quick');
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    if (v === undefined || (v.startsWith('--') && name !== '--bot-node-args')) throw new Error(`${name} needs a value\n${USAGE}`);
    return v;
  };
  const known = new Set(['--quick', '--users', '--journeys-per-user', '--rounds', '--in-progress', '--finished', '--journal-seconds', '--bot-node-args']);
  // The value of --bot-node-args is node's options, not ours.
  const nodeArgsAt = args.indexOf('--bot-node-args');
  for (const [i, a] of args.entries()) if (a.startsWith('--') && !known.has(a) && (nodeArgsAt < 0 || i !== nodeArgsAt + 1)) throw new Error(`unknown option ${a}\n${USAGE}`);
  const positive = (name: string, raw: string): number => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}: expected a positive number, got "${raw}"\n${USAGE}`);
    return n;
  };

  const users = (value('--users') ?? '1,10,50').split(',').map((u) => Math.round(positive('--users', u)));
  const perUser = value('--journeys-per-user');
  const levels = users.map((u) => ({
    users: u,
    journeys: u * (perUser ? Math.round(positive('--journeys-per-user', perUser)) : quick ? 1 : u === 1 ? 10 : u <= 10 ? 3 : 2),
  }));
  const inProgress = value('--in-progress');
  const finished = value('--finished');
  const journal = value('--journal-seconds');
  const rounds = value('--rounds');
  return {
    levels,
    inProgress: inProgress ? Math.round(positive('--in-progress', inProgress)) : quick ? 100 : 1000,
    inProgressTurns: 5,
    finished: finished ? Math.round(positive('--finished', finished)) : quick ? 200 : 10_000,
    insightsJourneys: quick ? 5 : 50,
    journalMs: journal ? positive('--journal-seconds', journal) * 1000 : quick ? 500 : 3000,
    botNodeArgs: (value('--bot-node-args') ?? '').split(' ').filter((a) => a !== ''),
    rounds: rounds ? Math.round(positive('--rounds', rounds)) : 2,
  };
}
