import { warmUpCards } from '../../src/bot/render';
import type { Flow } from '../../src/flow/model';
import { sharedFlow } from '../support/channelHarness';

/**
 * Start-up expands every card template once (the templating library compiles its expression
 * parser on first use). It must never keep the server from getting ready: a template that cannot
 * be expanded without its data is skipped, the others still warm the parser.
 */
describe('warmUpCards', () => {
  it('expands every card of the journey', () => {
    const flow = sharedFlow();
    expect(Object.keys(flow.cards).length).toBeGreaterThan(0);
    expect(() => warmUpCards(flow)).not.toThrow();
  });

  it('skips a template that does not expand without its data', () => {
    const flow = sharedFlow();
    const broken = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${foo(}' }] };
    const withBroken = { ...flow, cards: { broken, ...flow.cards } } as Flow;
    expect(() => warmUpCards(withBroken)).not.toThrow();
  });
});
