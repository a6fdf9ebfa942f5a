import { sharedFlow } from '../support/channelHarness';
import { EngineDriver, HttpDriver } from '../support/drivers';
test('engine', async () => {
  const d = new EngineDriver(sharedFlow(), () => new Date('2026-11-23T10:00:00Z'), 'emulator', 'c1');
  console.log(await d.send({ kind: 'message', text: 'bonjour' }));
  console.log(await d.send({ kind: 'message', text: 'oui' }));
}, 120000);
test('http', async () => {
  const d = new HttpDriver(sharedFlow(), () => new Date('2026-11-23T10:00:00Z'), 'emulator', 'c1');
  await d.start();
  console.log('started');
  console.log(await d.send({ kind: 'message', text: 'bonjour' }));
  console.log(await d.send({ kind: 'message', text: 'oui' }));
  await d.stop();
  console.log('stopped');
}, 120000);
