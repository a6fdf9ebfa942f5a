import type { PartnerKeyRecord, PartnerKeys } from '../../src/stores/partnerKeys';

const key = (id: string, at: string, extra: Partial<PartnerKeyRecord> = {}): PartnerKeyRecord => ({
  id,
  partnerId: 'freelance',
  keyHash: 'a'.repeat(64),
  scopes: ['needs:read'],
  createdAt: at,
  ...extra,
});

/** The partner keys store, the same on every backend: `open` is another process on the same store. */
export function partnerKeysContract(name: string, world: { setup(): Promise<void>; open(): PartnerKeys; teardown(): Promise<void> }): void {
  describe(`PartnerKeys on ${name}`, () => {
    beforeEach(() => world.setup());
    afterEach(() => world.teardown());

    it('keeps keys as given (webhook settings optional), lists them oldest first, and refuses an id twice', async () => {
      const store = world.open();
      const withHook = key('b0000000000000b0', '2026-03-02T10:00:00.000Z', { webhookUrl: 'https://partner.example/hooks', webhookSecret: 'whsec_abc', scopes: ['needs:read', 'needs:contact'] });
      await store.add(withHook);
      await store.add(key('a0000000000000a0', '2026-03-01T10:00:00.000Z'));
      await expect(store.add(key('a0000000000000a0', '2026-03-03T10:00:00.000Z'))).rejects.toThrow('A partner key a0000000000000a0 already exists');
      const other = world.open();
      expect(await other.get('b0000000000000b0')).toEqual(withHook);
      expect(await other.get('c0000000000000c0')).toBeUndefined();
      expect((await other.list()).map((k) => k.id)).toEqual(['a0000000000000a0', 'b0000000000000b0']);
      expect((await other.list())[0]).not.toHaveProperty('webhookUrl');
    });

    it('revokes once: the first date stays; an unknown id is said so', async () => {
      const store = world.open();
      await store.add(key('a0000000000000a0', '2026-03-01T10:00:00.000Z'));
      expect(await store.revoke('a0000000000000a0', new Date('2026-04-01T00:00:00.000Z'))).toBe(true);
      expect(await world.open().revoke('a0000000000000a0', new Date('2026-05-01T00:00:00.000Z'))).toBe(true);
      expect(await store.get('a0000000000000a0')).toMatchObject({ revokedAt: '2026-04-01T00:00:00.000Z' });
      expect(await store.revoke('ffffffffffffffff', new Date())).toBe(false);
    });
  });
}
