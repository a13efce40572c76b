import { newId } from '../src/storage/ids';

test('ids made one after another sort in the order they were made, even within one millisecond, and never repeat', () => {
  const ids = Array.from({ length: 5000 }, () => newId('price'));
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids[0]).toMatch(/^price_[0-9a-z]{9}[0-9a-f]{16}$/);
});
