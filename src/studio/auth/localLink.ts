import { randomToken, sameText } from './signedValue';

export const LOGIN_PATH = '/studio/login';

/**
 * The local sign-in, like notebook servers: one valid token at a time, printed as a link on the
 * server's standard output. Using it spends it and prints a fresh one (for another browser).
 */
export class LocalLink {
  private token = randomToken();
  private origin?: string;

  constructor(private readonly print: (line: string) => void) {}

  /** Where the server is reached; prints the current link. Called once the server listens. */
  announce(origin: string): void {
    this.origin = origin.replace(/\/+$/, '');
    this.printLink();
  }

  /** True once per token: the token is replaced before this returns. */
  spend(candidate: string | null | undefined): boolean {
    if (!candidate || !sameText(candidate, this.token)) return false;
    this.token = randomToken();
    this.printLink();
    return true;
  }

  private printLink(): void {
    if (!this.origin) return;
    this.print(`Studio sign-in link (works once): ${this.origin}${LOGIN_PATH}?token=${this.token}`);
  }
}
