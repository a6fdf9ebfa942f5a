import { ContainerClient } from '@azure/storage-blob';

/** A blob container created on first use; a failed creation (storage unreachable) is retried at the next use. */
export class Container {
  readonly client: ContainerClient;
  private creating?: Promise<void>;

  constructor(connectionString: string, name: string) {
    this.client = new ContainerClient(connectionString, name);
  }

  get name(): string {
    return this.client.containerName;
  }

  ensure(): Promise<void> {
    this.creating ??= this.client.createIfNotExists().then(
      () => undefined,
      (err: unknown) => {
        this.creating = undefined;
        throw err;
      },
    );
    return this.creating;
  }
}

/** Container names: 3-63 lowercase letters, digits and single hyphens, starting with a letter or digit. */
export const CONTAINER_PREFIX_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,49}$/;

/** The containers of one deployment, all named from one prefix (several deployments can share an account). */
export function containerNames(prefix: string) {
  if (!CONTAINER_PREFIX_PATTERN.test(prefix)) {
    throw new RangeError(`Invalid container prefix "${prefix}": 2-50 lowercase letters, digits or single hyphens`);
  }
  return {
    /** Bot state (ConversationState), one blob per conversation. */
    state: `${prefix}-state`,
    /** The needs journal (needs, reference counters), claims, the outbox, the shared request budget. */
    needs: `${prefix}-needs`,
    /** Conversation references, told status changes, watermarks (the staff review loop). */
    status: `${prefix}-status`,
    /** Insights counters (anonymous aggregates): kept out of the state container and its lifecycle rule. */
    insights: `${prefix}-insights`,
  };
}
