import type { TurnInput } from '../../src/engine/machine';
import type { NeedRecord } from '../../src/needs/record';

/** One way of playing a conversation: each turn returns everything the bot showed, as text. */
export interface Driver {
  start(): Promise<void>;
  send(input: TurnInput): Promise<string[]>;
  /** Stops the process and starts a new one on the same data. */
  restart(): Promise<void>;
  /** Needs recorded for this conversation, latest version of each. */
  stored(): Promise<NeedRecord[]>;
  stop(): Promise<void>;
}
