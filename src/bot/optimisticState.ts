import { ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { readAs, takeWriteAs, willWriteAs } from '../stores/stateJson';

interface Cached {
  state: Record<string, unknown> & { eTag?: string };
  hash: string;
}

/**
 * What tells a changed state from the one read: its JSON without the eTag. botbuilder's
 * calculateChangeHash hashes (SHA-256) the output of a JSON.stringify with a replacer function
 * guarding against cycles, three times a turn; a conversation state is plain JSON read from the
 * store, so the plain JSON compares as well for a fraction of the cost.
 */
function changeKey(state: Cached['state']): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}

/**
 * botbuilder's ConversationState, saved with optimistic concurrency. The stock `saveChanges`
 * writes with `eTag: '*'`, so of two turns of one conversation running at once (two instances,
 * or a store with real I/O) the last save silently wins and the other's answer is lost. Here the
 * state is written with the eTag it was read with: the store refuses a stale write, and the bot
 * runs the turn again on the fresh state (QualificationBot, isETagConflict).
 */
export class OptimisticConversationState extends ConversationState {
  /** Properties read and written as botbuilder's accessor does, without its generator-based async (see StateProperty). */
  override createProperty<T = unknown>(name: string): StatePropertyAccessor<T> {
    return new StateProperty<T>(this, name);
  }

  /** `stateKey` is private in botbuilder's typings; it is the turn-cache key of this state. */
  private get cacheKey(): symbol {
    return (this as unknown as { stateKey: symbol }).stateKey;
  }

  override async load(context: TurnContext, force = false): Promise<Cached['state']> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    if (!force && cached?.state) return cached.state;
    const key = await this.storageKey(context);
    const items = await this.storage.read([key]);
    const state = (items[key] ?? {}) as Cached['state'];
    // The text it was stored as is its change key (SqliteStorage): no need to stringify it again.
    context.turnState.set(this.cacheKey, { state, hash: readAs(state) ?? changeKey(state) } satisfies Cached);
    return state;
  }

  /**
   * Lets the turn's copy of the state go once it is saved: a turn under load waits for its replies
   * to be delivered, and a state kept that long outlives the young generation's collections (its
   * objects and JSON were about a sixth of the garbage collector's time at 50 users). A later read
   * in the same turn loads it again.
   */
  release(context: TurnContext): void {
    context.turnState.delete(this.cacheKey);
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const key = await this.storageKey(context);
    // From here to the write nothing awaits: the JSON compared is the JSON written.
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    const hash = cached && changeKey(cached.state);
    if (!force && !(cached && cached.hash !== hash)) return;
    const entry: Cached = cached ?? { state: {}, hash: '' };
    // No eTag (a conversation not stored yet) writes unconditionally, as botbuilder stores do.
    if (hash !== undefined) willWriteAs(entry.state, hash);
    try {
      await this.storage.write({ [key]: entry.state });
    } finally {
      takeWriteAs(entry.state);
    }
    // This turn's write is now the latest: a second save in the same turn must not conflict with it.
    entry.state.eTag = '*';
    entry.hash = hash ?? changeKey(entry.state);
    context.turnState.set(this.cacheKey, entry);
  }
}

/**
 * botbuilder's BotStatePropertyAccessor, same behaviour (a missing property with a default gets a
 * JSON copy of it; delete only an own property), in native async functions: botbuilder's are
 * compiled to generators driven by `__awaiter`, and a turn reads and writes about ten properties,
 * which made the accessor alone about 2 % of a turn's CPU at 50 users.
 */
class StateProperty<T> implements StatePropertyAccessor<T> {
  constructor(
    private readonly state: OptimisticConversationState,
    readonly name: string,
  ) {}

  async get(context: TurnContext, defaultValue?: T): Promise<T> {
    const obj = await this.state.load(context);
    if (!Object.prototype.hasOwnProperty.call(obj, this.name) && defaultValue !== undefined) {
      obj[this.name] = typeof defaultValue === 'object' ? JSON.parse(JSON.stringify(defaultValue)) : defaultValue;
    }
    return obj[this.name] as T;
  }

  async set(context: TurnContext, value: T): Promise<void> {
    const obj = await this.state.load(context);
    obj[this.name] = value;
  }

  async delete(context: TurnContext): Promise<void> {
    const obj = await this.state.load(context);
    if (Object.prototype.hasOwnProperty.call(obj, this.name)) delete obj[this.name];
  }
}
