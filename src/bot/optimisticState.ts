import { calculateChangeHash, ConversationState, type TurnContext } from 'botbuilder';

interface Cached {
  state: Record<string, unknown> & { eTag?: string };
  hash: string;
}

/**
 * botbuilder's ConversationState, saved with optimistic concurrency. The stock `saveChanges`
 * writes with `eTag: '*'`, so of two turns of one conversation running at once (two instances,
 * or a store with real I/O) the last save silently wins and the other's answer is lost. Here the
 * state is written with the eTag it was read with: the store refuses a stale write, and the bot
 * runs the turn again on the fresh state (QualificationBot, isETagConflict).
 */
export class OptimisticConversationState extends ConversationState {
  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    // `stateKey` is private in botbuilder's typings; it is the turn-cache key of this state.
    const stateKey = (this as unknown as { stateKey: symbol }).stateKey;
    const cached = context.turnState.get(stateKey) as Cached | undefined;
    if (!force && !(cached && cached.hash !== calculateChangeHash(cached.state))) return;
    const entry: Cached = cached ?? { state: {}, hash: '' };
    const key = await this.storageKey(context);
    // No eTag (a conversation not stored yet) writes unconditionally, as botbuilder stores do.
    await this.storage.write({ [key]: entry.state });
    // This turn's write is now the latest: a second save in the same turn must not conflict with it.
    entry.state.eTag = '*';
    entry.hash = calculateChangeHash(entry.state);
    context.turnState.set(stateKey, entry);
  }
}
