import { expect } from 'chai';
import { SqlValue } from '../../storage';
import { toPositionalPlaceholders } from '../../storage/sql';

describe('toPositionalPlaceholders', () => {
  const cases: ReadonlyArray<{ name: string; sql: string; params: SqlValue[]; expected: { sql: string; params: SqlValue[] } }> = [
    { name: 'numbered placeholders in order', sql: 'SELECT $1, $2', params: ['a', 1], expected: { sql: 'SELECT ?, ?', params: ['a', 1] } },
    { name: 'reordered placeholders', sql: 'VALUES ($2, $1)', params: ['a', 'b'], expected: { sql: 'VALUES (?, ?)', params: ['b', 'a'] } },
    { name: 'a repeated placeholder', sql: '$1 = $1', params: [null], expected: { sql: '? = ?', params: [null, null] } },
    {
      name: 'two-digit placeholders',
      sql: '$10, $1',
      params: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
      expected: { sql: '?, ?', params: ['10', '1'] },
    },
    { name: 'a $n inside quoted text', sql: "SELECT 'costs $1', $1", params: ['x'], expected: { sql: "SELECT 'costs $1', ?", params: ['x'] } },
    { name: 'escaped quotes', sql: "SELECT 'it''s $1', \"col$1\", $1", params: ['x'], expected: { sql: "SELECT 'it''s $1', \"col$1\", ?", params: ['x'] } },
  ];

  for (const { name, sql, params, expected } of cases) {
    it(`translates ${name}`, () => {
      expect(toPositionalPlaceholders(sql, params)).to.deep.equal(expected);
    });
  }

  it('refuses a placeholder that has no parameter', () => {
    expect(() => toPositionalPlaceholders('SELECT $2', ['only one'])).to.throw(RangeError, '$2');
  });
});
