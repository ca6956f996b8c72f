import { expect } from 'chai';
import { realAnalyser } from './fixtures';

describe('message analysis', () => {
  const analyser = realAnalyser();
  const stems = (text: string) => [...analyser.analyse(text).stems].sort();

  describe('treats domain synonyms as the same word', () => {
    const same: [string, string, string][] = [
      ['kneecap and patella', 'my patella hurts', 'my kneecap hurts'],
      ['knee cap written apart', 'my knee cap hurts', 'my kneecap hurts'],
      ["PFPS and runner's knee", 'what is PFPS', "what is runner's knee"],
      ['patellofemoral pain syndrome and runners knee', 'what is patellofemoral pain syndrome', 'what is runners knee'],
      ['physio and PT', 'is PT worth it', 'is physio worth it'],
      ['physiotherapist and physio', 'should i see a physiotherapist', 'should i see a physio'],
      ['physical therapy and physio', 'does physical therapy work', 'does physio work'],
      ['sneakers and shoes', 'best sneakers for bad knees', 'best shoes for bad knees'],
      ['new runners and shoes', 'do i need new runners', 'do i need shoes'],
      ['trainers and shoes', 'trainers for knee pain', 'shoes for knee pain'],
      ['KT tape and tape', 'does KT tape help', 'does tape help'],
      ['kinesio tape and tape', 'does kinesio tape help', 'does tape help'],
      ['kinesiology taping and tape', 'does kinesiology taping help', 'does tape help'],
      ['IT band and ITB', 'tight itb', 'tight IT band'],
      ['acupuncture and dry needling', 'does acupuncture help', 'does dry needling help'],
      ['insoles and orthotics', 'do insoles help', 'do orthotics help'],
      ['steps per minute and cadence', 'how many steps per minute', 'how many cadence'],
    ];
    for (const [name, a, b] of same) it(name, () => expect(stems(a)).to.deep.equal(stems(b)));
  });

  it('keeps "runners knee" whole after "my", not "my runners" (shoes) + "knee"', () => {
    expect(analyser.analyse('does my runners knee need rest').words).to.include('runnersknee').and.not.include('shoe');
  });

  describe('reads a form of a synonym the lexicon does not list as that synonym', () => {
    const same: [string, string][] = [
      ['can i cycle with runners knee', 'is cycling ok with runners knee'],
      ['can i swim', 'can i go swimming'],
    ];
    for (const [form, listed] of same) it(`reads "${form}" like "${listed}"`, () => expect(stems(form)).to.include.members(stems(listed).filter((s) => s !== 'ok' && s !== 'go')));
  });

  it('matches a synonym phrase written with a word that SMS shortcuts rewrite ("knees" as "knee")', () => {
    expect(stems('my knees cave in')).to.include.members(stems('knock knees'));
  });

  it('keeps the words of "on its own" instead of dropping them as stop words', () => {
    expect(stems('will it go away on its own')).to.have.length.greaterThan(1);
  });

  describe('expands SMS shortcuts', () => {
    const cases: [string, string][] = [
      ['wat is pfps', 'what is pfps'],
      ['shud i c a physio abt my knee', 'should i c a physio about my knee'],
      ['how lng 4 runners knee 2 heal', 'how long for runners knee to heal'],
      ['30km a wk', '30 km a week'],
    ];
    for (const [sms, plain] of cases) it(`reads "${sms}" like "${plain}"`, () => expect(stems(sms)).to.deep.equal(stems(plain)));
  });

  it('keeps a number before a unit instead of reading it as "to" or "for"', () => {
    expect(analyser.analyse('is 2 weeks normal').words).to.include('duration');
  });

  it('reads "k" after a number as kilometres, never as SMS for "okay"', () => {
    for (const text of ['run 30k a week', 'run 30 k a week', 'my first 10k']) expect(analyser.analyse(text).words, text).to.not.include('okay');
    expect(analyser.analyse('k thanks').words).to.include('okay');
  });

  it('reads a number written as a word before a unit as a span of time, as it reads digits', () => {
    expect(analyser.analyse('sore for three weeks').words).to.deep.equal(analyser.analyse('sore for 3 weeks').words);
    expect(analyser.analyse('sore for three weeks').words).to.include('duration');
  });

  describe('corrects typos to the knowledge base vocabulary', () => {
    const cases: [string, string][] = [
      ['symptons of runers knee', 'symptoms of runners knee'],
      ['insurence for physio', 'insurance for physio'],
      ['excercises for my kneecap', 'exercises for my kneecap'],
      ['does dry neadling work', 'does dry needling work'],
      ['running cadance', 'running cadence'],
      ['pian in my knee', 'pain in my knee'],
      ['acupunture for knee', 'acupuncture for knee'],
      ['how many weks', 'how many weeks'],
      ['best sneakres for my knee', 'best sneakers for my knee'],
      ['can runners knee be prveented', 'can runners knee be prevented'],
      // Two letters swapped make another word here, but not one anyone asks the clinic about.
      ['sings of runners knee', 'signs of runners knee'],
    ];
    for (const [typo, plain] of cases) it(`reads "${typo}" like "${plain}"`, () => expect(stems(typo)).to.deep.equal(stems(plain)));
  });

  describe('does not turn everyday words into domain words', () => {
    const cases = [
      'how to prevent sunburn',
      'what is the capital of mongolia',
      'a cafe near me',
      'needing a break',
      'tracking my steps',
      'my dog is limping',
      // Words the lexicon knows are spelt right, though the knowledge base never uses them.
      'my knee feels stiff in the morning',
      'a stabbing pain when i run on sand',
      'pins and needles in my shin',
      'how should i taper before a race',
    ];
    for (const text of cases) it(`leaves "${text}" as typed`, () => expect(analyser.analyse(text).corrected).to.deep.equal([]));
  });

  describe('keeps look-alike phrases apart from the domain', () => {
    const cases: [string, string][] = [
      ['ice cream', 'ice'],
      ['a tape measure', 'tape'],
      ['running a business', 'run'],
      ['car insurance', 'insur'],
      ['breathing in cold air', 'ice'],
    ];
    for (const [text, stem] of cases) it(`"${text}" is not about ${stem}`, () => expect(stems(text)).to.not.include(stem));
  });

  describe('names what the knowledge base does not cover', () => {
    const cases: [string, string][] = [
      ["is this jumper's knee", 'jumpers knee'],
      ['I think I tore my ACL', 'tore'],
      ['meniscus tear', 'meniscus'],
      ['my hip hurts when i run', 'hip'],
      ['how much ibuprofen can i take', 'ibuprofen'],
      ['jumpers knee strap how to wear', 'jumpers knee'],
      ['my back hurts when i run', 'back'],
      ['are you hiring physios', 'are you hiring'],
      ['how to return to running after having a baby', 'having a baby'],
      ['can my dog get physio', 'can my dog'],
      ['i have frozen shoulder', 'frozen shoulder'],
      ['how to tape an ankle for basketball', 'ankle'],
      ['best stretches for tight hamstrings after soccer', 'hamstrings'],
      // A medical word the knowledge base has never seen, by its ending.
      ['is metatarsalgia common in runners', 'metatarsalgia'],
      ['do i have tendinopathy or runners knee', 'tendinopathy'],
    ];
    for (const [text, found] of cases) it(`finds "${found}" in "${text}"`, () => expect(analyser.analyse(text).outOfScope).to.equal(found));
    it('finds a condition that a false friend would hide', () => expect(analyser.analyse('how do i become a physiotherapist').outOfScope).to.equal('become a physiotherapist'));
    it('does not flag a condition inside a domain phrase', () => expect(analyser.analyse('does a massage gun help my knee').outOfScope).to.equal(undefined));
    it('does not flag a hip mentioned as a cause of knee pain', () => expect(analyser.analyse('do weak hips cause knee pain').outOfScope).to.equal(undefined));
    it('does not flag care for another body part when the knee is named too', () => {
      expect(analyser.analyse('should i tape my knee or my ankle').outOfScope).to.equal(undefined);
      expect(analyser.analyse('do hamstring stretches help runners knee').outOfScope).to.equal(undefined);
    });
    describe('does not read a body part in an idiom as a complaint about it', () => {
      const idioms = ['the pain keeps coming back every time i run', 'pain when i get back to running', 'does heel striking cause pain', 'on my feet all day and it hurts'];
      for (const text of idioms) it(`"${text}"`, () => expect(analyser.analyse(text).outOfScope).to.equal(undefined));
    });
    it('does not read a body part inside a domain phrase as a complaint about it', () => {
      expect(analyser.analyse('how fast can i build my mileage back up after the injury').outOfScope).to.equal(undefined);
      expect(analyser.analyse('my back hurts after i build my mileage').outOfScope).to.equal('back');
    });
    it('does not take "itself" alone for getting better without treatment', () => {
      expect(analyser.analyse('is runners knee a problem with the kneecap itself').words).not.to.include('selfheal');
      expect(analyser.analyse('will it heal by itself').words).to.include('selfheal');
    });
    it('does not take walking a dog for a question about animals', () => {
      expect(analyser.analyse('can i still walk my dog every day or will that make it worse').outOfScope).to.equal(undefined);
    });
    it('does not take a job mentioned in a story for a question about jobs', () => {
      expect(analyser.analyse('my quads are weak from sitting at a desk job all day').outOfScope).to.equal(undefined);
    });
  });

  describe('knows when a message is tied to the field', () => {
    const anchored = ['my knee aches', 'can i keep running', 'is PT worth it', 'does kt tape help', 'what cadence should i run at'];
    const loose = ['does tape help', 'best ice cream', 'how much is car insurance', 'shoe store near me'];
    for (const text of anchored) it(`"${text}" is anchored`, () => expect(analyser.analyse(text).anchored).to.equal(true));
    for (const text of loose) it(`"${text}" is not`, () => expect(analyser.analyse(text).anchored).to.equal(false));
  });

  it('gives the question at the end of a story more emphasis than the story', () => {
    const analysis = analyser.analyse('I run 40 km a week and train for a marathon. How long does runners knee take to heal?');
    expect(analysis.emphasis.get('heal')).to.equal(1);
    expect(analysis.emphasis.get('marathon')).to.be.lessThan(1);
  });
});
