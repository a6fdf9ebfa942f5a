/**
 * The erasure told while the staff base still holds copies (review item 17): one reference reads
 * in the singular, several in the plural, in both languages.
 */
import { say } from '../../src/engine/texts';
import { sharedFlow } from '../support/channelHarness';

const flow = sharedFlow();

test.each([
  ['fr', 1, 'PBL-2026-00001', "La copie transmise à l'équipe (PBL-2026-00001) sera effacée"],
  ['fr', 2, 'PBL-2026-00001, PBL-2026-00002', "Les copies transmises à l'équipe (PBL-2026-00001, PBL-2026-00002) seront effacées"],
  ['en', 1, 'PBL-2026-00001', 'The copy sent to the team (PBL-2026-00001) will be erased'],
  ['en', 2, 'PBL-2026-00001, PBL-2026-00002', 'The copies sent to the team (PBL-2026-00001, PBL-2026-00002) will be erased'],
] as const)('%s, %i reference(s)', (lang, count, references, expected) => {
  const said = say(flow, 'erase_incomplete', lang, { references, count }).replace(/[\uFDD0\uFDD1]/g, '');
  expect(said).toContain(expected);
});
