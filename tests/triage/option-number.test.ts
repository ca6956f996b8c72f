import { expect } from 'chai';
import { readOptionNumber, type OptionNumberWords } from '../../triage/option-number';

/** Words of the shape the knowledge files give (number words as in triage-phrases.json). */
const WORDS: OptionNumberWords = {
  numbers: new Map(Object.entries({ zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, hundred: 100 })),
  markers: ['option', 'opt', 'number', 'num', 'choice'],
  counting: new Set(['those', 'these', 'the', 'both', 'all', 'them']),
  fillers: new Set(),
  corrections: new Set(),
  adding: new Set(),
  addingFillers: new Set(),
};
const YES_NO = ['Yes', 'No'];
const WALK = ['Yes, I can', "No, I can't"];
const DURATION = ['Less than a week', '1 to 2 weeks', '2 to 6 weeks', 'More than 6 weeks'];
const MENU = ['Check my symptoms', "What is runner's knee?", 'Book an assessment'];

describe('reading an option number typed back to a numbered SMS list', () => {
  const picks: [string, readonly string[], number][] = [
    ['2', YES_NO, 2],
    ['2.', YES_NO, 2],
    ['2)', YES_NO, 2],
    ['(2)', YES_NO, 2],
    ['#2', YES_NO, 2],
    [' #2. ', YES_NO, 2],
    ['option 2', YES_NO, 2],
    ['Option #2', YES_NO, 2],
    ['opt 2', YES_NO, 2],
    ['number 2', YES_NO, 2],
    ['num 2', YES_NO, 2],
    ['choice 2', YES_NO, 2],
    ['two', YES_NO, 2],
    ['Two.', YES_NO, 2],
    ['number two', YES_NO, 2],
    ['2 no', YES_NO, 2],
    ['2 No', YES_NO, 2],
    ['2 - no', YES_NO, 2],
    ['2-no', YES_NO, 2],
    ['2. No', YES_NO, 2],
    ['2, no', YES_NO, 2],
    ['#2 no', YES_NO, 2],
    ['1 yes', YES_NO, 1],
    ['2 no', WALK, 2],
    ["2 No, I can't", WALK, 2],
    ['2 no i cant', WALK, 2],
    ['2 \u2013 No, I can\u2019t', WALK, 2],
    ['3 book an assessment', MENU, 3],
    ["2 what is runner's knee", MENU, 2],
    ['option 3: book', MENU, 3],
    ['1 to 2 weeks', DURATION, 2],
    ['2 to 6 weeks', DURATION, 3],
    ['4 more than 6 weeks', DURATION, 4],
    ['2\uFE0F\u20E3', YES_NO, 2],
    ['7', YES_NO, 7],
    ['hundred', YES_NO, 100],
  ];
  for (const [text, labels, n] of picks) {
    it(`reads ${JSON.stringify(text)} as option ${n} of ${labels.join(' / ')}`, () => {
      expect(readOptionNumber(text, labels, WORDS)).to.equal(n);
    });
  }

  const notNumbers: [string, readonly string[]][] = [
    ['3 and 5', DURATION],
    ['3,5', DURATION],
    ['3, 5', DURATION],
    ['3 5', DURATION],
    ['1 no', YES_NO],
    ['2 yes', YES_NO],
    ['2 no but my calf is swollen', YES_NO],
    ['no 2', YES_NO],
    ['2 weeks', DURATION],
    ['3 weeks', DURATION],
    ['2.5', DURATION],
    ['0', YES_NO],
    ['zero', YES_NO],
    ['option', YES_NO],
    ['number', YES_NO],
    ['no', YES_NO],
    ['Yes', YES_NO],
    ['', YES_NO],
    ['#', YES_NO],
    ['123', YES_NO],
    ['toString', YES_NO],
    ['constructor', YES_NO],
  ];
  for (const [text, labels] of notNumbers) {
    it(`leaves ${JSON.stringify(text)} to the readers of the words`, () => {
      expect(readOptionNumber(text, labels, WORDS)).to.equal(undefined);
    });
  }
});
