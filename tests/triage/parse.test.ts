import { expect } from 'chai';
import { Answers } from '../../triage/answers';
import { QuestionId } from '../../triage/ids';
import { extractVolunteered, interpretAnswer } from '../../triage/parse';
import { parseDuration } from '../../triage/parse-duration';
import { Protocol } from '../../triage/protocol';
import { normalize } from '../../triage/text';
import { CTX, protocol } from './helpers';

type Row = [text: string, expected: Answers[keyof Answers] | null];

function table(question: QuestionId, rows: Row[]): void {
  describe(`reading a reply to ${question}`, () => {
    let p: Protocol;
    before(() => {
      p = protocol();
    });
    for (const [text, expected] of rows) {
      const title = expected === null ? `does not guess "${text}"` : `reads "${text}" as ${JSON.stringify(expected)}`;
      it(title, () => {
        const r = interpretAnswer(p, question, text, CTX);
        if (expected === null) expect(r.understood, JSON.stringify(r.answers)).to.equal(false);
        else {
          expect(r.understood).to.equal(true);
          expect(r.answers[question]).to.deep.equal(expected);
        }
      });
    }
  });
}

describe('triage free-text parsing', () => {
  table('injury', [
    ['yes', 'yes'], ['yep', 'yes'], ['yeah', 'yes'], ['ya', 'yes'], ['y', 'yes'], ['Y', 'yes'], ['sure', 'yes'], ['i think so', 'yes'],
    ['yup twisted it', 'yes'], ['I fell on it', 'yes'], ['kinda, i bumped it on the coffee table', 'yes'], ['1', 'yes'],
    ['no', 'no'], ['nah', 'no'], ['nope', 'no'], ['n', 'no'], ['not really', 'no'], ['no way', 'no'], ['dont think so', 'no'],
    ["I don't think so", 'no'], ['not that I know of', 'no'], ["I didn't twist it or anything", 'no'], ['it came on gradually', 'no'], ['2', 'no'],
    ['not sure', null], ['maybe', null], ['hmm', null], ['yes and no', null], ['3', null], ['', null],
    ["i don't really know, maybe?", null], ['i dont really know', null],
    // A reply that asks back answers nothing, even when it names the thing asked about; what follows the question is read.
    ['hmm what counts as an injury', null], ['what do you mean by injury?', null], ['does a fall count?', null],
    ['does a fall count? I slipped on ice on Monday', 'yes'],
    // A reply that corrects itself is read from the correction on.
    ['No, I do not believe so. No, wait: I did in fact fall on it whilst gardening.', 'yes'], ['yes... i mean no', 'no'], ['no wait yes i twisted it', 'yes'],
    ['no wait', null],
    // A second, bare word borne out by what follows it is the answer; on its own ("yes and no") it is asked again.
    ["Yes... well, no, actually. I didn't fall or twist anything, I just increased my mileage a lot.", 'no'], ['no, well yes, I fell off my bike', 'yes'],
    ['yeah... well no', null], ['yes, well no, I did fall', null],
    // "Yes and no" with more after it is still both: it is asked again, not read as the "yes".
    ['yes and no tbh, i really cant say', null], ['kind of yes and no, i slipped but didnt fall', null], ["I can't really say", null],
    // "I forgot about that" remembers; "I forget when" does not.
    ['No... wait, actually yes, I did twist it getting out of my car a few days ago, I forgot about that.', 'yes'], ['I forget', null], ['x nope', 'no'],
    // A question back, with only a hedge beside it, is no answer; thinking aloud before the answer is not one either.
    ['Depends what you mean by injury, I guess?', null], ['it depends on what you mean', null], ['depends, I fell but it was minor', 'yes'],
    // A negator runs through a list closed by "or": the question's own words said back.
    ['No. There has been no fall, twist or blow.', 'no'], ['never fell, twisted or hit it', 'no'], ['nope, no falls, twists or knocks', 'no'],
    ['No injury this time. I did fall in 2019 but that was my wrist.', 'no'],
    // Yes and no in the languages Toronto speaks, beside English; a fall nearly had is none.
    ['La, no. Nothing happen to the knee.', 'no'], ['Oui, I fell on the ice', 'yes'], ['nahi, no injury', 'no'], ['I nearly fell but caught myself', null],
    // A thumb or a tick is a word: 👍 is yes, 👎 no, whatever the skin tone or whatever it is glued to.
    ['👍', 'yes'], ['nope 👎', 'no'], ['👍🏽', 'yes'], ['yes👍', 'yes'], ['❌', 'no'],
    // After a plain no, an injury long ago, someone else's, or another part of the body's is not this knee's; a recent one is asked again.
    ["Nope, nothing happened to it. I tore my ACL on the OTHER knee in high school but this one's never been hurt.", 'no'],
    ["No. No fall, no twist. My wife's the one who's always injuring herself, her back is a mess.", 'no'],
    ['No injury. I did break my leg in a car accident in 1985, the other leg, but this knee has never been hurt.', 'no'],
    ['yes, my sister and I both fell', 'yes'],
    // A recent injury told after "but" outweighs the no before it: the injury questions follow (asked again, the same reply would end unclear, urgent).
    ['no, but I fell last week', 'yes'], ['no injury but i did twist it slightly stepping off a curb', 'yes'], ['no, but I did twist it years ago', 'no'],
    ['no, but my sister fell', 'no'], ["no but i'm not sure if i twisted it", null],
  ]);

  table('weight_bearing', [
    ['yes but it hurts', 'yes'], ['I can walk with a limp', 'yes'], ['limping', 'yes'], ['i can walk but not far', 'yes'],
    // Crutches one has but does not need, or someone else's, are no walking aid.
    ['Yes, I can walk on it, limping a bit. My neighbour lent me the crutches from her hip operation but I don\'t really need them.', 'yes'],
    ['yes, I have crutches but I don\'t need them', 'yes'], ['no, I\'m on crutches', 'no'],
    ['barely', 'no'], ["can't put any weight on it", 'no'], ['no I need crutches', 'no'], ['nope', 'no'],
    ['kind of', null], ['only a few steps', null],
    // "Not a problem" is a yes; a "no" that denies another sign answers nothing ("no chest pain").
    ['not a problem', 'yes'], ['not an issue', 'yes'], ['not at all', 'no'], ['no chest pain, not short of breath', null], ['no fever', null],
    // A hedged yes to "can you walk on it" is asked again (a hedge counts as yes only for injury, swelling, recurrence).
    ['i think so', null], ['no i can only hop on my good leg', 'no'],
    ['Oh yeah, I walked home fine, barely limping.', 'yes'], ['barely a limp', 'yes'],
    ["No, he can't take four steps, even limping.", 'no'],
  ]);

  table('rapid_swelling', [
    ['yes it swelled up right away', 'yes'], ['it ballooned within an hour', 'yes'], ['a bit', 'yes'], ['no swelling at all', 'no'],
    ['it swelled a couple days later', 'no'], ['no, maybe a little the next day', 'no'], ['no idea', null],
    ['no, but it did puff up within an hour', 'yes'], ['no but it swelled a bit the next day', 'no'],
    // Within a few hours is rapid swelling, whichever words say it.
    ['within the hour', 'yes'], ['about 2 hours later', 'yes'], ['later that day', 'yes'], ['in no time it was huge', 'yes'],
    // Overnight or by the next morning counts as quick unless the person says no: then it was not within hours.
    ['it swelled up overnight', 'yes'], ['by the next morning it was huge', 'yes'], ['No, it only got a bit puffy the next morning.', 'no'],
    ["Hmm, I'd have to cast my mind to that evening", null], ['let me think... yes it swelled that evening', 'yes'], ['thinking back, no it was fine at first', 'no'],
  ]);

  table('red_flags', [
    ["no fever but it's swollen and hot", ['hot_swollen']],
    ['none of those', ['none']], ['nope none', ['none']], ['none', ['none']], ['no', ['none']], ['14', ['none']],
    // After a plain "no", a sign told of someone else is theirs; without one, a parent telling of a child's signs is heard.
    ["no. my dad had a knee replacement last month but that's him, not me", ['none']], ["no, my wife's calf is swollen, not mine", ['none']],
    ["no chest pain, but my dad's calf is swollen", ['calf_swelling']], ['my dad had a knee replacement, his knee is hot and swollen', ['recent_surgery', 'hot_swollen']],
    ["no, but my knee is hot and my dad says it's swollen", ['hot_swollen']],
    ['it locks sometimes and gives way', ['locked', 'giving_way']],
    ['its hot n swollen', ['hot_swollen']],
    // "+" between words is "and" ("55+" stays "55 or over").
    ['its hot+swollen', ['hot_swollen']],
    ['swollen, red and I feel feverish', ['fever_hot_swollen']],
    ['a bit swollen but not hot or red', ['swollen']],
    ['my calf is red and swollen', ['calf_swelling']],
    // From blind vignettes 70-71: what is told before "and the calf" is the knee's; the ankle's swelling is the ankle's; an
    // injection put in another part is not the knee's; a temperature taken is no fever; a mild ache at night is not severe
    // night pain; weight lost on purpose is no warning sign; double negatives tell of no sign; "but that was in 2019" is history.
    ["it's red and swollen and the calf below it is sore and swollen too. no fever", ['calf_swelling', 'hot_swollen']],
    ['my calf is sore and swollen and the calf feels hot', ['calf_swelling']],
    ["My ankle's still a bit swollen, but the knee isn't swollen at all. None of the others.", ['none']],
    ['my ankle and knee are swollen', ['swollen']],
    ["I did get a cortisone injection three weeks ago, but in my hip, not the knee.", ['none']],
    ['hyaluronic injection 10 weeks back, otherwise none', ['recent_surgery']],
    ['knee scope 6 weeks ago, my ankle is fine', ['recent_surgery']],
    ['hot, swollen, bad at night. no fever that i know of, took my temp, 37.0', ['night_pain_weight_loss', 'hot_swollen']],
    ["hot and swollen, took my temp and it's 38.5", ['fever_hot_swollen']],
    ["It aches a little at night sometimes, but it's mild. Nothing else.", ['none']],
    ["Yes, the pain is severe even when I'm sitting still or lying down, it doesn't let up.", ['night_pain_weight_loss']],
    ["I've lost 4 kg, but on purpose, I'm on a diet. None of the rest.", ['none']],
    ["i've lost weight, not trying to", ['night_pain_weight_loss']],
    ["Not that I can't walk, I can, totally fine. None of those.", ['none']],
    ["It's not that it won't straighten, it straightens fully, no locking. Nothing on the list.", ['none']],
    ['I had knee surgery, but that was in 2019. Nothing recent, and none of the others.', ['none']],
    ['I had knee surgery, but that was 3 weeks ago', ['recent_surgery']],
    ['the kneecap looks like its shoved way over to the outside?? thats not normal right', ['deformity']],
    ["no, none of those apply to me (he's the one who had surgery)", ['none']],
    // From blind vignettes 72-73: a burning ache is no heat, and "on fire" told once; calves tight from hills are no calf sign;
    // "fine at rest and at night"; a refusal to walk or bear weight; the writer's own signs beside a check for someone else.
    ["At night it's on fire, a deep burning ache that keeps me up even lying still in bed. It's not hot or swollen to touch.", ['night_pain_weight_loss']],
    ["None of those. My calves are a bit tight from the hills, but there's no calf pain, swelling or redness.", ['none']],
    ["None. It's only bad when I'm running; it's fine at rest and at night.", ['none']],
    ["She won't put weight on it or walk. No fever, and it isn't hot or swollen.", ['cannot_walk']],
    ["It's severe even when I'm just sitting still watching TV, not only when I'm moving. Nothing else.", ['night_pain_weight_loss']],
    ["It's hot, red and swollen. No fever, he feels fine otherwise. Funnily enough I'm the one with the flu and a temperature this week, not him.", ['hot_swollen']],
    ['None of those, no calf pain or swelling for him. The clot history is mine, not his.', ['none']],
    ["None for him. I'm the one with the swollen knee, his looks totally normal.", ['none']],
    ["For her: pain at night that wakes her up, it's severe. No surgery for her, that was me.", ['night_pain_weight_loss']],
    ['numbness that comes and goes', ['tingling']],
    ['my foot is numb all the time', ['cold_pale_foot']],
    ['hot and swollen and I had an injection last week', ['recent_surgery', 'hot_swollen']],
    ['I had a knee replacement 5 years ago', ['none']],
    ['I had hip surgery last month', ['none']],
    ['the swelling went down already', ['none']],
    ['none except it gives way', ['giving_way']],
    ['not short of breath, no chest pain, just swollen', ['swollen']],
    ['1, 5', ['deformity', 'calf_swelling']],
    ['hot_swollen,calf_swelling', ['hot_swollen', 'calf_swelling']],
    // Redness told just after the calf, in a clause naming no knee, is the calf's; a clause naming the knee is the knee's.
    ['the back of my calf is swollen and tender, kind of red too. no chest pain', ['calf_swelling']],
    ['my calf is sore, and my knee is red and hot', ['calf_swelling', 'hot_swollen']],
    // How an injury happened is not how the knee looks now; "knee's bent the wrong way" is read as a deformity (the apostrophe is lost).
    ['my knee bent the wrong way when I landed', ['none']], ["my knee's bent the wrong way", ['deformity']], ['her knee bent the wrong way', ['deformity']],
    ["My kneecap looks like it's shifted out to the side and it's still there", ['deformity']],
    ["His kneecap looks like it's in the wrong spot, shifted way over to the outside, and he can't walk on it.", ['deformity', 'cannot_walk']],
    // Reassurance is not a sign: "calf's fine", "foot is warm", "it straightens fine", "the wound healed fine", "something white" in a gash.
    ['it locked once... no wait, it just felt stiff when I got up, it straightens fine. so no, none of those', ['none']],
    ["No fever, calf's fine, foot's fine. But there's a deep gash right over the kneecap that's still open, I can see something white in there", ['deformity']],
    ["No fever, no cut, kneecap looks normal, foot is warm. But it's stuck kind of bent and I can't straighten it all the way.", ['locked']],
    ['I had a total knee replacement on that side 2 months ago. Otherwise none of those, not hot or red, the wound healed fine.', ['recent_surgery']],
    ['no fever, swelling or redness', ['none']], ['no fever, swollen and hot', ['hot_swollen']], ['no fever, but my knee is swollen, hot, or red', ['hot_swollen']],
    ['no chest pain, shortness of breath or calf pain, but it is hot and swollen', ['hot_swollen']],
    ['I have lost about six kilograms over the last two or three months without trying.', ['night_pain_weight_loss']],
    ['None of those apply. My only recent operation was on my eyes, not my knee.', ['none']], ['I had knee surgery last month', ['recent_surgery']],
    ["I'm getting cold feet about the race, none of those", ['none']],
    ['leg below the knee is numb, dead feeling for 5 hours and not coming back', ['cold_pale_foot']],
    // Warning signs in words the first lists missed; each was read as none, as a milder sign, or not at all.
    ['winded doing nothing', ['breathless']],
    ['out of puff', ['breathless']],
    ['my foot has no feeling', ['cold_pale_foot']],
    ['my toes have gone a bluish colour', ['cold_pale_foot']],
    ["i'm non weight bearing", ['cannot_walk']],
    ["can't weight bear", ['cannot_walk']],
    ["i can't walk without help", ['cannot_walk']],
    ["I can't walk without pain", ['none']],
    ['theres a lump where the kneecap should be', ['deformity']],
    ['my knee cap slipped out and hasnt gone back', ['deformity']],
    ['my kneecap is sittin way over on the outside n wont go back', ['deformity']],
    ['skin is split open over the knee', ['deformity']],
    ['knee hot and swollen and im burning up', ['fever_hot_swollen']],
    ['no temp but its hot n swollen. had a steroid jab in that knee 3 wks ago', ['recent_surgery', 'hot_swollen']],
    ['i had a flu jab last week', ['none']],
    ['it wont extend fully', ['locked']],
    ["it's given way a couple of times", ['giving_way']],
    ['lost a stone without trying', ['night_pain_weight_loss']],
    ["I've lost about 10 pounds without trying", ['night_pain_weight_loss']],
    ['lost 10 lbs dieting', ['none']],
    // A sign with a time is history only when words put it in the past; a time alone may be how long it has lasted.
    ["I've been short of breath for 2 weeks", ['breathless']],
    ['knee sore 2 wks n now im short of breath going up stairs', ['breathless']],
    ['I was short of breath last year, not now', ['none']],
    ['I dislocated my kneecap 2 years ago', ['none']],
    ['knee surgery back in 2019', ['none']],
    ['no weight loss', ['none']],
    ['back of my calf is tight n kinda red', ['calf_swelling']],
    // Redness or swelling told of the calf is the calf's, unless the clause also names the knee.
    ['my calf is swollen and kinda red and tender to touch. no chest pain, breathing is normal', ['calf_swelling']],
    ['my calf and knee are both red and swollen', ['calf_swelling', 'hot_swollen']],
    ['my knee is red and hot and my calf is swollen', ['calf_swelling', 'hot_swollen']],
    ['no calf pain and it\'s hot and swollen', ['hot_swollen']],
    // Someone else's past is not a sign now; being unfit is not a deformity.
    ['none of those. my mum had a blood clot in her leg years ago but nothing like that with me', ['none']],
    ["It's hot to touch and swollen. My husband had a fever last week but I haven't, I feel fine otherwise.", ['hot_swollen']],
    ['calf sore and swollen and I get winded on the stairs, I figured I was just out of shape', ['calf_swelling', 'breathless']],
    ['my knee looks out of shape', ['deformity']],
    ['my foot below the bad knee has gone white and cold', ['cold_pale_foot']],
    ["my leg under the knee has gone a funny grey colour, can't feel much in the foot", ['cold_pale_foot']],
    ['idk', null], ['what?', null], ['15', null],
    // Slips of "none"; "non-stop" is no "none".
    ['non', ['none']], ['noen', ['none']], ['non of those', ['none']], ['non-stop pain at night, cant sleep', ['night_pain_weight_loss']],
    // Calves tight as always after runs are no calf sign; tight and swollen, or tight but a calf swollen, are.
    ['no fever no swelling, doesnt lock, calves are tight like always after runs but no pain or swelling in them', ['none']],
    ['tight calves but not swollen or sore', ['none']], ['my calves are tight and swollen', ['calf_swelling']],
    ['calves are tight after runs but my left calf is swollen and red', ['calf_swelling']],
    // Someone else's signs set against one's own ("hers swell up ... but mine isn't") are theirs; a parent's of the child are asked about.
    ["None of those for me. My mum has arthritis in her knees and hers swell up like grapefruits, but mine isn't swollen or hot, and it doesn't lock or give way.", ['none']],
    ["It's a bit swollen, but not hot or red. My husband had gout in his big toe and that was red and hot, mine's nothing like that, and I feel perfectly well.", ['swollen']],
    ["my son's knee is swollen, not mine", ['swollen']], ["my daughter's knee is hot and swollen", ['hot_swollen']],
    ["my son's knee is more swollen than mine", ['swollen']],
    ['I check my calves every day and today the left one is swollen', ['calf_swelling']],
    // Weight lost on purpose is not weight lost without trying; a question about a sign tells none.
    ["I lost some weight recently but I'm dieting", ['none']], ['lost some weight without trying', ['night_pain_weight_loss']],
    ['is shortness of breath a sign of a clot?', null],
  ]);

  table('age', [
    // How long it has hurt, told at the age question, is no age ("been about 2 months" is not a 2-year-old).
    ['oh sorry, its been about 2 months', null], ['3 semanas', null], ["she's 18 months", 'child'],
    ["I'm 58", 'older'], ['58', 'older'], ['my 12 year old', 'child'], ["she's 14", 'child'], ['in my 60s', 'older'], ['teenager', 'child'],
    // A parent's own age told beside the child's is not the one asked for; how old something feels is no age; a friend's age set against one's own is theirs.
    ["She's 15. I'm her mum, I'm 47, and my own knees are a disaster.", 'child'], ["I'm 33, though my back feels about 80 some mornings, haha.", 'adult'],
    // A comparison ("worse knees than me") does not set the other person aside: a parent may be comparing the child's knee with their own.
    ["I'm 26. My running buddy is 58 and he's got worse knees than me, mind you.", null],
    ['16', 'adult'], ['15', 'child'], ['55', 'older'], ['54', 'adult'], ['fifty-eight', 'older'], ['early 50s', 'adult'], ['late fifties', 'older'],
    ['mid 50s', 'older'], ['over 55', 'older'], ['retired', 'older'], ['35 yrs', 'adult'], ['He is turning 16 next month', 'child'],
    ['older', 'older'], ['3', 'child'],
    // Close to a band's edge, the year before counts too: a child who is "almost 16" is 15.
    ['almost 16', 'child'], ['15 going on 16', 'child'], ['16 next month', 'child'], ['nearly 55', 'older'],
    // Ontario school grades in the autumn: grade 12 is 16-17, grade 11 may still be 15.
    ["she's in grade 12", 'adult'], ['grade 11', 'child'], ['grade 7', 'child'],
    // "over 50" could be either side of 55, so it is asked again; "over 55" cannot.
    ['over 50', null], ['over 55', 'older'], ['under 16', 'child'],
    ['why does that matter', null], ['my son is 12 and I am 40', null], ['200', null],
    // A year of birth, against the clinic clock (2026): the age this year, or a year less before the birthday.
    ['I was born in 1957.', 'older'], ['born 1979', 'adult'], ['1979', 'adult'], ["born in '90", 'adult'], ['born 2012', 'child'],
    // Born in 1971 is 54 or 55 this year: the older band, as "nearly 55" is.
    ['born 1971', 'older'], ['born 1972', 'adult'], ['born in 2030', null],
    // An age told exactly beside the next birthday is the age now; the birthday alone still reaches the band above.
    // A race's distance beside the age is no second age.
    ["I'm 67, retired, but I still run a couple of 5ks a year.", 'older'], ['im 45 with 2 kids', 'adult'],
    ['54, 55 in January', 'adult'], ['54, turning 55 in January', 'adult'], ['55 in January', 'older'], ['15, 16 in March', 'child'],
  ]);

  table('duration', [
    ['3 days', 'lt1w'], ['a fortnight', '2to6w'], ['since the weekend before last', '1to2w'], ['the week before last', '1to2w'], ['since sat', 'lt1w'], ['couple of weeks', '2to6w'], ['10 days', '1to2w'], ['a month and a half', 'gt6w'],
    ['since Labour Day', 'gt6w'], ['since September', 'gt6w'], ['since last tuesday', '1to2w'], ['2 wks', '2to6w'], ['2wks', '2to6w'],
    ['a few months', 'gt6w'], ['abt a month', '2to6w'], ['1-2 weeks', '1to2w'], ['a week or two', '1to2w'], ['about a week', '1to2w'],
    ['less than a week', 'lt1w'], ['almost 2 weeks', '1to2w'], ['over 6 weeks', 'gt6w'], ['6 weeks', '2to6w'], ['7 weeks', 'gt6w'],
    ['since yesterday', 'lt1w'], ['since the weekend', 'lt1w'], ['since Oct 15', '2to6w'], ['since 10/30', '2to6w'], ['years', 'gt6w'],
    ['since christmas', 'gt6w'], ['since easter honestly', 'gt6w'], ['since xmas', 'gt6w'], ['It started on the 15th', '1to2w'], ['3', '2to6w'], ['More than 6 weeks', 'gt6w'],
    ['just under 2 weeks', '1to2w'], ["it's been 3 weekends", '2to6w'],
    // A unit misspelt after a number: letters swapped, one missing or one more; another letter is no unit.
    ['4 dyas', 'lt1w'], ['3 weks', '2to6w'], ['2 yeras', 'gt6w'], ['about 5 weeeks', '2to6w'], ['2 ways', null],
    ["it'll be two weeks tomorrow", '1to2w'], ['it was a week yesterday', '1to2w'], ['since Friday the 13th', '1to2w'],
    ['a while', null], ['no clue', null],
  ]);

  table('severity', [
    ['7', 7], ['seven', 7], ['about a 4', 4], ['6/10', 6], ['6 or 7', 7], ['like an 8 out of 10', 8], ['its like a 6-7', 7], ['0', 0],
    // Someone else's score beside one's own is theirs.
    ["3, maybe 4 at most. My wife's bad back is a 9 some days, so this is nothing.", 4], ["6. my husband's knee is an 8", 6],
    ['3 most days, 7 at worst', 7], ["on a scale of 1 to 10 it's a 6", 6], ['7ish', 7], ['12/10', 10], ['unbearable', 10],
    ['mild', null], ['pretty bad', null],
    // Past the top of the scale is the top: "11", "like a 15"; far past it may be another scale, asked again.
    ['11', 10], ['like a 15', 10], ['100', null], ['11 days', null],
    ['6 and a half', 7], ['4 on a scale of 5', 8], ["a 3 out of 5 but 4 when it's bad", 8], ['under 7', 6], ['less than a 7', 6],
    ['maybe 6, not 7', 6],
    // "4 from 10" is said as "4 out of 10".
    ['Four from ten.', 4], ['7 from 10 at worst', 7], ['it went from 3 to 8', 8],
    // Dictated: the number's homophone before "out of ten".
    ['for out of ten', 4], ['about to out of 10', 2], ['ate out of ten at its worst', 8],
  ]);

  table('trend', [
    ['getting worse', 'worse'], ['about the same', 'same'], ['a bit better', 'better'], ['not getting any better', 'same'],
    ['its going downhill', 'worse'],
    ['up and down', 'same'], ["it's not worse", 'same'], ['improving slowly', 'better'], ['3', 'worse'], ['hard to tell', null],
    ["hasn't improved", 'same'], ['no improvement', 'same'], ["can't say it's better", 'same'], ['up and down but overall better', 'better'],
    // A story in two parts is answered by its later part when the earlier one tells the past.
    ['it was worse at the start of the week but yesterday I managed a short walk', 'better'], ['it was getting worse but now its improving', 'better'],
    ['better at first but now worse again', 'worse'], ['it was improving but now its worse', 'worse'], ['it got better but now the same', 'same'],
    // Without a past told before it, a contrast does not turn the answer; better with the pain still there is better.
    ["better but it's still there", 'better'], ['getting better but still sore', 'better'], ['still sore but improving', 'better'],
    ["not better, it's still there", 'same'],
  ]);

  table('location', [
    ['around the kneecap', 'front'], ['inside of my knee', 'inner'], ['back of the knee', 'back'], ['all over', 'whole'], ['not sure', 'unsure'],
    ['behind the kneecap', 'front'], ['behind my knee', 'back'], ['outside, like the IT band', 'outer'], ['inner side and front', 'inner'],
    ['all around the kneecap', 'front'], ['all over the front', 'front'], ['around it', null],
    ['behind my left kneecap', 'front'], ['behind my left knee', 'back'],
    ['cant really tell where tbh', 'unsure'], ['tough to pinpoint', 'unsure'],
    ['around the cap', 'front'], ['the whole front', 'front'], ['hard to pin down', 'unsure'],
  ]);

  table('aggravators', [
    ['stairs and running', ['stairs', 'running']], ['sitting at my desk', ['sitting']], ['nothing really', ['none']],
    ['walking up stairs', ['stairs']], ['long walks and hikes', ['walking']], ['everything tbh', ['running', 'stairs', 'squatting', 'sitting', 'walking']],
    ['not running, mostly stairs', ['stairs']], ['1 and 5', ['running', 'walking']], ['not sure', null], ['cycling', null],
    ["walking is fine, it's the stairs", ['stairs']], ['dance class', ['running']],
    // Walking said to be fine, with a word between or put as no problem, is not walking.
    ['stairs, squatting and sitting through long meetings - walking is totally fine though', ['stairs', 'squatting', 'sitting']],
    ['walking is no problem, stairs hurt', ['stairs']], ['i can walk no problem, its stairs', ['stairs']], ['stairs. walking no issues', ['stairs']],
    ['Walking around is totally fine. Its really squatting', ['squatting']], ['walking is pretty bad', ['walking']], ['walking is a problem', ['walking']], ['long walks are a problem', ['walking']],
  ]);

  table('returning_status', [
    ['all gone thanks', 'gone'], ['all better!', 'gone'], ['nearly gone', 'better'], ['much better', 'better'], ["it's still there", 'same'],
    // "Gone downhill" is worse, not gone.
    ["honestly it's gone downhill", 'worse'], ['went downhill fast', 'worse'], ['all gone', 'gone'],
    ['not great, worse actually', 'worse'], ['1', 'gone'], ['hmm', null],
    ['back again', 'same'], ["it's back but better than before", 'better'], ['it was gone but now its back', 'same'], ['the pain is back', 'same'],
    ['it was better for a while but now its back and worse', 'worse'], ['all gone! running again pain free', 'gone'],
    // Gone, but a knee hurts now (the other one, or this one again): no pain gone.
    ['my right knee is gone but now my left knee hurts', 'worse'], ["it's fine but my other knee is sore", 'worse'], ['gone, but i am nervous', 'gone'],
    // "all good" is gone, not the "good" of better.
    ['its gone! all good now', 'gone'], ['good as new', 'gone'], ['pretty good', 'better'],
    ['Flaring more than before.', 'worse'],
    // "good" and "ok" are better only when nothing plainer is said.
    ['Now it is good, no more pain, finish.', 'gone'], ['good', 'better'], ["it's ok", 'better'], ['ok i guess, about the same', 'same'],
    // Better, with the pain not yet gone, is better; "not better" with it still there is the same.
    ["better but it's still there", 'better'], ['a bit better but still sore', 'better'], ['still there but improving', 'better'],
    ["not better, it's still there", 'same'], ['no better, still hurts', 'same'],
  ]);

  // "I don't understand" asks what the question means: it is no "no" (the bot explains the question and asks again).
  for (const question of ['injury', 'weight_bearing', 'rapid_swelling', 'red_flags', 'recurrent'] as const) {
    table(question, [["I don't understand", null], ['I dont get it', null], ['sorry, not sure what you mean', null], ['confused', null]]);
  }
  table('red_flags', [
    // Learner English; swelling at night is swelling, not night pain.
    ['not have', ['none']], ['my knee swells up at night, not red', ['swollen']],
    // A sign told while asking back is still told.
    ["I don't understand why my calf is so swollen and red", ['calf_swelling']],
    ['huh? no', ['none']],
    // Numbness told after a contrast with pins and needles that came and went is numbness that stays.
    ["i get pins & needles on and off but now my whole foot is numb and it's not going away", ['tingling', 'cold_pale_foot']],
    ["my foot goes numb on and off, but now it's fine", ['tingling']],
    // A sign asked and answered no in the same breath.
    ['swollen? nah. hot? nah. just sore', ['none']], ['swelling - no, fever - no, calf - no', ['none']], ['swollen? not really', ['none']],
    ['fever - no. swelling - yes', ['swollen']],
    // Heat told of things other than the knee, and injections into other joints.
    ['no swelling or anything. my shoes are hot lol but the knee is fine', ['none']],
    ["only hot thing is my hot yoga class lol. knee's not swollen or red", ['none']],
    ['none. had a cortisone shot in my shoulder last month but nothing in the knee', ['none']],
    ['I get hyaluronic injections in that knee, last one was 2 months ago', ['recent_surgery']],
    ["my pants are falling off lol, lost weight and I'm not dieting", ['night_pain_weight_loss']],
  ]);
  table('aggravators', [["sorry I no understand this question", null], ['i no understand', null]]);

  it('reads "yesterday I managed a short walk", told of the trend, as better and not as walking making it worse', () => {
    const r = interpretAnswer(protocol(), 'trend', 'it was worse at the start of the week but yesterday I managed a short walk', CTX);
    expect(r.answers).to.deep.equal({ trend: 'better' });
  });

  it('reads "zero when resting, maybe 5 on hills" as a 5 with no pain at rest, and "my pants are falling off" as no fall', () => {
    const severity = interpretAnswer(protocol(), 'severity', 'zero when resting, maybe 5 on hills', CTX);
    expect(severity.answers).to.deep.equal({ severity: 5 });
    const signs = interpretAnswer(protocol(), 'red_flags', "my pants are falling off lol, lost weight and I'm not dieting", CTX);
    expect(signs.answers.injury).to.equal(undefined);
  });

  it('reads "worse since we talked" as how it is since the last check, not as the trend of this episode', () => {
    const r = interpretAnswer(protocol(), 'returning_status', "It's gotten worse since we talked.", CTX);
    expect(r.answers).to.deep.equal({ returning_status: 'worse' });
  });

  // A sign inside a longer phrase that is denied is denied with it; a breaker between them keeps it told.
  table('red_flags', [
    ['No, I sleep fine, no pain at night or when resting.', ['none']], ['no pain at night or at rest', ['none']],
    ['no pain in bed but at rest it throbs', ['night_pain_weight_loss']],
    ["It throbs even when I'm lying still on the couch, really bad", ['night_pain_weight_loss']],
    // Pain on sitting still is the kneecap's own (a film, a long drive): not pain at rest.
    ["it hurts when I'm just sitting still", null],
    // A question asked back and denied at once: its words tell nothing. Asked back and said yes, the sign is told.
    ['swollen? no', ['none']], ['is my calf swollen? yes', ['calf_swelling']],
    // Never corrected softly: a sign told before "sorry" stays told.
    ['my calf is red and swollen. sorry, no', ['calf_swelling']],
  ]);
  // From a black-box test by SMS: signs told with "has been kinda", or of the calf "on the same leg".
  it('does not take the time of a fever for how long the knee has hurt, unless the knee or its pain is in the same clause', () => {
    const p = protocol();
    expect(interpretAnswer(p, 'age', '40 and i have had a fever since yesterday', CTX).answers).to.deep.equal({ age: 'adult' });
    expect(extractVolunteered(p, 'knee pain and fever since monday', CTX).duration).to.equal('lt1w');
  });

  it('reads signs told with "has been kinda" and a calf "on the same leg", and none where they are denied', () => {
    const p = protocol();
    const signs = (text: string) => extractVolunteered(p, text, CTX).red_flags;
    expect(signs('my foot has been kinda cold all day, prob nothing')).to.deep.equal(['cold_pale_foot']);
    expect(signs('my foot has been kinda cold and tingly all day')).to.include('cold_pale_foot');
    expect(signs('my calf has been a bit swollen since yesterday, is that normal?')).to.deep.equal(['calf_swelling']);
    expect(signs('my calf on the same leg is kinda puffy and sore to touch. should i stop running?')).to.deep.equal(['calf_swelling']);
    expect(signs("my foot hasn't been cold")).to.equal(undefined);
  });
  it('reads a knee that will not straighten "all the way" as locked, and one that straightens all the way as not', () => {
    const p = protocol();
    const signs = (text: string) => interpretAnswer(p, 'red_flags', text, CTX).answers.red_flags;
    expect(signs('my calf is swollen and sore and the knee wont straighten all the way')).to.deep.equal(['calf_swelling', 'locked']);
    expect(signs("it won't fully straighten")).to.deep.equal(['locked']);
    expect(signs("it doesn't straighten all the way")).to.deep.equal(['locked']);
    expect(signs('it straightens all the way')).to.deep.equal(['none']);
    expect(signs('i can straighten it fully')).to.deep.equal(['none']);
  });

  it('reads a repaired meniscus or ligament as an operation, and a worry about a sign to come as no sign', () => {
    const p = protocol();
    const signs = (text: string) => interpretAnswer(p, 'red_flags', text, CTX).answers.red_flags;
    expect(signs('i had my meniscus repaired 10 weeks ago, nothing else')).to.deep.equal(['recent_surgery']);
    expect(signs('my meniscus was fixed 2 months ago')).to.deep.equal(['recent_surgery']);
    expect(signs('i got my knee done 5 weeks ago')).to.deep.equal(['recent_surgery']);
    expect(signs('had my acl repaired 3 years ago')).to.deep.equal(['none']);
    expect(signs("none, i'm just worried it might lock one day, it never has")).to.deep.equal(['none']);
    // A sign told beside the worry is still told.
    expect(signs("it locked yesterday and i'm worried it might again")).to.deep.equal(['locked']);
    expect(signs('worried it could be a clot, my calf is swollen')).to.deep.equal(['calf_swelling']);
  });

  it('reads "last night" as when, not as pain at night, and pain that kept one awake as night pain', () => {
    const p = protocol();
    const signs = (text: string) => interpretAnswer(p, 'red_flags', text, CTX).answers.red_flags;
    expect(signs('its red n puffy n i had a temp of 39 last nite, feel like crap')).to.deep.equal(['fever_hot_swollen']);
    expect(signs('the pain last night kept me awake')).to.deep.equal(['night_pain_weight_loss']);
    expect(signs('it hurts at night')).to.deep.equal(['night_pain_weight_loss']);
  });

  it('takes a sign denied, then granted by a hedge ("no swelling, well maybe a little"), as told', () => {
    const p = protocol();
    const signs = (text: string) => interpretAnswer(p, 'red_flags', text, CTX).answers.red_flags;
    expect(signs('no swelling, well maybe a little but not hot')).to.deep.equal(['swollen']);
    expect(signs('not swollen... actually a bit')).to.deep.equal(['swollen']);
    // A hedge about something else is not the sign granted.
    expect(signs('no swelling, maybe a little stiff')).to.deep.equal(['none']);
    expect(signs('not swollen, a bit sore')).to.deep.equal(['none']);
  });

  it('reads what a dictated opening tells in one breath: the time beside a time it happened before, fast swelling "like a grapefruit", "every time i walk"', () => {
    const p = protocol();
    const told = (text: string) => extractVolunteered(p, text, CTX);
    expect(told('my knee has been sore on the outside for about five weeks since i started training and the same thing happened last year too')).to.include({ duration: '2to6w', recurrent: 'yes', location: 'outer' });
    expect(told('im 58 twisted my knee on a trail and it swelled up like a grapefruit within an hour')).to.include({ injury: 'yes', rapid_swelling: 'yes', age: 'older' });
    expect(told('it swelled up like a balloon the next day').rapid_swelling).to.equal(undefined);
    // Whenever it hurts is what makes it worse, not pain that came back.
    expect(told('for two months now my knee hurts every time i walk more than a few blocks')).to.deep.equal({ duration: 'gt6w', aggravators: ['walking'] });
    expect(told('every time i go back to running it hurts again').recurrent).to.equal('yes');
    // A flare told with when it happened is how it started, not pain come back; one that keeps coming is.
    expect(told("It flared up on Sunday, but since then it's calmed down a lot.").recurrent).to.equal(undefined);
    expect(told('it flared up again last week').recurrent).to.equal('yes');
    // A foot told of "below it" is the leg's: cold and blue is the emergency sign, wherever it is told.
    expect(told("No I can't, and my foot below it has gone cold and numb and looks blue.").red_flags).to.deep.equal(['cold_pale_foot']);
    // "I hurt my knee" (someone did it to the knee) is an injury; "it hurt my knee to run" is not.
    expect(told('I hurt my knee yesterday playing soccer').injury).to.equal('yes');
    expect(told('my daughter is 12 and she hurt her knee at soccer')).to.include({ injury: 'yes', age: 'child' });
    expect(told('it hurt my knee to run').injury).to.equal(undefined);
    expect(told('my knees hurt when i run').injury).to.equal(undefined);
    // As written by those whose first language is not English: "from" for "for", "inside part".
    expect(told('my knee pain from 3 weeks, inside part, when i go down stair')).to.include({ duration: '2to6w', location: 'inner' });
  });

  it('reads a correction said without a comma ("7 no wait 5"), and a bare number after one in the unit it corrects', () => {
    const p = protocol();
    const read = (q: QuestionId, text: string) => interpretAnswer(p, q, text, { ...CTX, optionsNumbered: false }).answers[q] ?? null;
    expect(read('severity', '7 no wait 5')).to.equal(5);
    expect(read('severity', 'like a 7 i mean 5')).to.equal(5);
    expect(read('trend', 'worse no actually the same')).to.equal('same');
    expect(read('duration', '4 weeks no wait 3 days')).to.equal('lt1w');
    expect(read('age', '45 no actually 15')).to.equal('child');
    // "closer to 3" after "about 2 weeks" is 3 weeks; after "a week or two" a bare 3 says no unit, and is asked again.
    expect(read('duration', 'about 2 weeks, no actually closer to 3')).to.equal('2to6w');
    expect(read('duration', '5 days no wait 9')).to.equal('1to2w');
    expect(read('duration', 'a week or two, no actually 3')).to.equal(null);
    expect(read('duration', '3 weeks no wait')).to.equal(null);
    // "I can't wait to run" corrects nothing; a warning sign told stays told.
    expect(read('injury', 'no wait yes i fell')).to.equal('yes');
    expect(read('red_flags', 'swelling no wait fever')).to.include('swollen');
  });

  it('does not take a cold (the illness) for a cold foot, or surgery elsewhere, or its time, for the knee\'s', () => {
    const p = protocol();
    const signs = (text: string) => interpretAnswer(p, 'red_flags', text, CTX).answers.red_flags;
    expect(signs("none. I do have a cold at the moment but the knee isn't hot or swollen")).to.deep.equal(['none']);
    expect(signs('I have a cold foot')).to.deep.equal(['cold_pale_foot']);
    expect(signs('my foot is cold')).to.deep.equal(['cold_pale_foot']);
    expect(signs('None. The surgery was my shoulder, nothing done to the knee.')).to.deep.equal(['none']);
    expect(signs("It's hot and swollen. No fever. The surgery was my gallbladder, nothing to do with the knee.")).to.deep.equal(['hot_swollen']);
    expect(signs('the surgery was on my knee 3 weeks ago')).to.deep.equal(['recent_surgery']);
    const told = (text: string) => extractVolunteered(p, text, CTX);
    expect(told("Had shoulder surgery 6 weeks ago and started the bike at the gym, now my knee's a bit sore")).to.deep.equal({});
    expect(told('Had my gallbladder out 4 weeks ago (all healed fine), but now my knee is bugging me')).to.deep.equal({});
    expect(told('had knee surgery 6 weeks ago and now it hurts')).to.include({ duration: '2to6w' });
  });

  it('takes a fear of having torn something as no injury told, and a tear told as one', () => {
    const p = protocol();
    const told = (text: string) => extractVolunteered(p, text, CTX);
    expect(told("I'm so scared I've torn something and will never run again").injury).to.equal(undefined);
    expect(told('worried i tore something').injury).to.equal(undefined);
    expect(told('i think i tore something').injury).to.equal('yes');
    expect(told('I tore something playing soccer, im scared').injury).to.equal('yes');
  });

  it('reads an injury long ago that the pain has lasted since, a day of the month, swelling within minutes, another part\'s break', () => {
    const p = protocol();
    const told = (text: string) => extractVolunteered(p, text, CTX);
    expect(told("I twisted my knee playing touch football at Thanksgiving and it still isn't right")).to.deep.equal({ injury: 'yes', duration: 'gt6w' });
    // Without words that it has gone on since, an old injury may not be how this pain began: both are asked.
    expect(told('I twisted it a few years ago and now it hurts again').injury).to.equal(undefined);
    const read = (q: QuestionId, text: string) => interpretAnswer(p, q, text, { ...CTX, optionsNumbered: false }).answers[q] ?? null;
    // Wednesday 25 November: the 19th is six days ago.
    expect(read('duration', 'the 19th')).to.equal('lt1w');
    expect(read('duration', 'since the first snow, that was the 19th')).to.equal('lt1w');
    expect(read('rapid_swelling', 'By the time I got home, maybe 45 minutes, it was swollen like a balloon, so yes it swelled fast.')).to.equal('yes');
    expect(read('rapid_swelling', 'within 45 minutes')).to.equal('yes');
    expect(read('rapid_swelling', 'maybe')).to.equal(null);
    expect(interpretAnswer(p, 'rapid_swelling', 'maybe 45 minutes', CTX).answers.duration).to.equal(undefined);
    expect(interpretAnswer(p, 'severity', 'worse than when I broke my wrist, so like an 8', CTX).answers).to.deep.equal({ severity: 8 });
    expect(told('I fell and broke my wrist, my knee is swollen too').injury).to.equal('yes');
    // Tingling down the outside of the leg is a sign, not where the knee hurts.
    const signs = interpretAnswer(p, 'red_flags', "it gives way sometimes, it's a little swollen (not warm), and I get tingling on the outside of the leg", CTX).answers;
    expect(signs.location).to.equal(undefined);
    expect(told('pain on the outside of my knee').location).to.equal('outer');
  });

  it('reads the answer after words that only lead in ("k, um no", "okay, no"), and "okay" alone as it was', () => {
    const p = protocol();
    const read = (q: QuestionId, text: string) => interpretAnswer(p, q, text, { ...CTX, optionsNumbered: false }).answers[q] ?? null;
    expect(read('injury', 'k, um no')).to.equal('no');
    expect(read('injury', 'honestly no')).to.equal('no');
    // "okay" is what "can you take four steps?" may be answered with; "okay, no" is a no.
    expect(read('weight_bearing', 'ok, no')).to.equal('no');
    expect(read('weight_bearing', 'okay')).to.equal('yes');
    expect(read('injury', 'yeah... well no')).to.equal(null);
  });

  it('reads times from Toronto\'s year ("since school started", "since the clocks changed") and an operation "more than 3 months ago" as past', () => {
    const p = protocol();
    const read = (q: QuestionId, text: string) => interpretAnswer(p, q, text, { ...CTX, optionsNumbered: false }).answers[q] ?? null;
    // Wednesday 25 November 2026: school started on 8 September; the clocks went back on 1 November.
    expect(read('duration', 'since school started')).to.equal('gt6w');
    expect(read('duration', 'since the clocks changed')).to.equal('2to6w');
    expect(read('red_flags', "I had the ACL surgery back in April but that's more than 3 months ago")).to.deep.equal(['none']);
    expect(read('red_flags', 'knee surgery 3 months ago')).to.deep.equal(['recent_surgery']);
    const told = (text: string) => extractVolunteered(p, text, CTX);
    expect(told('Knee has been getting worse ever since I started walking to work in September.')).to.deep.include({ trend: 'worse', aggravators: ['walking'] });
    expect(told('Twisted my knee getting out of the car on Saturday, now the inside of it hurts.').location).to.equal('inner');
  });

  it('reads no time from an event to come, no cold foot from "hot n cold", and no swelling that has gone', () => {
    const p = protocol();
    const told = (text: string) => extractVolunteered(p, text, CTX);
    expect(told("I'm locked in for a half marathon in March and my knee started aching on Monday").duration).to.equal('lt1w');
    expect(told('im locked in for a half in the spring n now the outside of my knee is sore after long runs').duration).to.equal(undefined);
    expect(told('knee sore for 3 and a half weeks').duration).to.equal('2to6w');
    const signs = (text: string) => interpretAnswer(p, 'red_flags', text, CTX).answers.red_flags;
    expect(signs('its rly red n swollen n i feel like crap, been hot n cold all night')).to.include('fever_hot_swollen').and.not.include('cold_pale_foot');
    expect(signs('my foot is cold and pale')).to.deep.equal(['cold_pale_foot']);
    expect(signs('It was swollen the first week, gone now. So none.')).to.deep.equal(['none']);
    expect(told("swelling's all gone now n no chest pain or anything, knee just a lil sore").red_flags).to.equal(undefined);
    expect(told('my knee is swollen').red_flags).to.deep.equal(['swollen']);
  });

  it('takes what is worst, told beside another answer, as what makes it worse', () => {
    const p = protocol();
    expect(interpretAnswer(p, 'severity', '8, going down stairs is the worst, plus walking any distance', CTX).answers).to.deep.equal({ severity: 8, aggravators: ['stairs'] });
    expect(extractVolunteered(p, 'the pain is the worst ive had', CTX).aggravators).to.equal(undefined);
  });

  table('injury', [
    ["Did I twist it? No... I don't think so. It just came on gradually over my long runs.", 'no'], ['did i fall? no', 'no'], ['did i fall? yes', 'yes'],
  ]);
  table('rapid_swelling', [
    // A word or two asked back with a question mark, then denied.
    ['swelled? no', 'no'], ['swelling? nope', 'no'],
    // Not having looked is not knowing: asked again, never taken as a no.
    ["i didn't look", null], ['i didnt check, i had jeans on', null], ["no, i didn't see any swelling", 'no'],
  ]);
  // A reply that puts itself right after "sorry", "well" or "actually" is read from there when that part answers alone.
  table('weight_bearing', [
    ['Yeah... well, not really. I tried and had to grab the wall after two steps.', 'no'], ['Yes. Sorry for the slow reply', 'yes'],
  ]);
  table('age', [["I'm 15... sorry, just turned 16 last week", 'adult'], ['15, sorry 16', 'adult'], ['16. Sorry, 15', 'child']]);
  table('severity', [['7, no actually more like 5', 5], ['7, no, more like 5', 5], ['7... no, honestly more like a 5.', 5], ['honestly a 7', 7]]);
  // From blind vignettes: an age told beside the year of another event ("hip replaced in 2015"), a week and a half said
  // without "a", "the past two months" (not "more than two months"), and a spot that can't be pinned down.
  table('age', [['58. Had the right hip replaced in 2015.', 'older'], ['born in 1970', 'older'], ['1970', 'older']]);
  table('duration', [['week n a half i think', '1to2w'], ['week and a half', '1to2w'], ['for the past 6 weeks', '2to6w'], ['past 6 weeks', 'gt6w'], ['the whole fall', 'gt6w']]);
  table('location', [['cant rly pinpoint it', 'unsure'], ["can't really pin it down", 'unsure']]);
  // An operation on the other knee, or long ago in a clause of its own, is no recent surgery of this knee.
  table('red_flags', [
    ['None of those. The replacement I had was the other knee, ten years back.', ['none']], ['I had a replacement, ten years back.', ['none']],
    ['I had a replacement, 2 weeks ago.', ['recent_surgery']], ['had surgery 3 weeks ago on this knee, the other knee is fine', ['recent_surgery']],
  ]);
  table('aggravators', [['squatting to pick up my kid', ['squatting']], ['hiking', ['walking']]]);
  // From blind vignettes 70-73: a weekday of last week, "ystrday"; pain gone beside a bump still there; walking that does not bother.
  table('duration', [['Since Thursday last week.', 'lt1w'], ['since monday of last week', '1to2w'], ['ystrday', 'lt1w']]);
  table('returning_status', [["It's gone, he's back to his usual walks.", 'gone'], ["The pain is gone, the bump is still there but it doesn't hurt anymore.", 'gone']]);
  table('aggravators', [["Only the stairs. Walking with her walker doesn't bother it.", ['stairs']]]);
  // A whole birth date gives the age to the year on the clinic clock (25 November 2026): a year less while the birthday is
  // still to come, and its day is no age; a date that reads either way round (03/12/1971) reaches the band of either.
  table('age', [
    ['born 3 March 1971', 'older'], ['born Dec 2 1971', 'adult'], ['born 10 Jan 2010', 'adult'], ['born 26 nov 1971', 'adult'],
    ['born 25 nov 1971', 'older'], ['I was born on the 3rd of March 1971', 'older'], ['born dec 1971', 'adult'], ['born nov 1971', 'older'],
    ['03/12/1971', 'older'], ['born 12 Dec 2010', 'child'],
  ]);
  // A date's own year counts ("since Nov 20 2025" is a year ago, not five days), and a day may stand before the month.
  table('duration', [['since nov 20 2025', 'gt6w'], ['since 3 March 2025', 'gt6w'], ['since 20 nov', 'lt1w'], ['since 3 december 2026', null]]);
  // Signs denied, and none told, answer the warning-sign question: none. A fever alone is the sign, unless the knee is said
  // not to be hot or swollen; a cold caught is no cold foot; an operation in early August is more than 90 days back.
  table('red_flags', [
    ["I have a fever from a cold but the knee isn't hot or swollen", ['none']], ["the knee isn't hot or swollen", ['none']],
    ["it's a little warm after runs but not swollen", ['none']], ['fever', ['fever_hot_swollen']], ['I have a fever', ['fever_hot_swollen']],
    ['fever and my knee is hot but not swollen', ['fever_hot_swollen']], ["I have a bit of a fever from a cold, but the knee isn't hot or swollen", ['none']],
    ['caught a cold last week, my foot feels cold and pale now', ['cold_pale_foot']], ['not swollen but my calf is red and sore', ['calf_swelling']],
    ["it's not swollen, not sure about the rest", null],
    ['I had a scope in early August, nothing else', ['none']], ['I had a scope on August 5', ['none']], ['I had a scope on the 5th of August', ['none']],
    ['I had a scope in late August', ['recent_surgery']], ['had a scope in early october', ['recent_surgery']],
  ]);
  table('age', [['my grandson, he is 10', 'child'], ["my grandma, she's 81", 'older']]);
  // A kneecap stuck out to the side is a deformity; walking only with a hold or help is no walking on one's own.
  table('red_flags', [
    ["the kneecap keeps slipping and right now it's stuck out to the side and won't go back", ['deformity', 'locked']],
    ['the kneecap is sitting on the side', ['deformity']],
  ]);
  table('weight_bearing', [
    ['I can if I hold the wall, not on my own', 'no'], ['only with a cane', 'no'], ['not without a cane', 'no'], ['I can if I hold the wall', null],
    ['I can, with a limp', 'yes'], ['yes i can', 'yes'],
  ]);
  table('location', [['in the front and at the back', 'back']]);
  // From a blind vignette set of every warning sign in three ways, beside near misses: "can't even hobble", "won't take my
  // weight", "fizzy buzzy" feelings that come and go are read; a surgery that "was 2019" is long past; willpower giving way,
  // being bent out of shape about a missed run and not standing to miss runs are idioms.
  table('red_flags', [
    ["can't even hobble to the bathroom, leg just won't take my weight", ['cannot_walk']],
    ['foot gets that fizzy buzzy feeling every so often then it goes away', ['tingling']],
    ["None of those. My knee doesn't give way - the only thing giving way is my willpower around Halloween candy.", ['none']],
    ['None. The surgery was 2019, no injections since.', ['none']], ['it gives way', ['giving_way']],
  ]);
  table('weight_bearing', [['i cant stand on it', 'no']]);
  // From a blind vignette set of messy chats: pain too great to put weight on is no walking ("cant wak" too); an operation
  // "last may" is more than 90 days back; a dash ends a clause, so a sign after "the knee I asked about last month -" is now.
  table('red_flags', [
    ['cant wak on it, hurts too much to put weight on', ['cannot_walk']], ['hurts too much to put weight on', ['cannot_walk']],
    ['it hurts too much to walk far', ['none']], ["none. had a scope last may but that's all healed", ['none']], ['had a scope last october', ['recent_surgery']],
  ]);
  table('weight_bearing', [['hurts too much to put weight on', 'no'], ['it hurts too much to walk far', null]]);
  table('duration', [['since last may', 'gt6w']]);
  // From a blind vignette set of older adults and teenagers: a kneecap that looks to be on the side is a deformity, feeling
  // hot and shaky a fever, not understanding the list no "none", not having tried no "no"; the fall clean-up is a season's
  // chore; better in the mornings and worse by night is no trend by itself, "about the same overall" is the same, "a bit
  // better but still there" is better; behind the kneecap, "deep in", is the front.
  table('red_flags', [
    ['my kneecap looks like its on the side of my knee not the front?? it looks really weird', ['deformity']],
    ['its red and puffy and warm, and i threw up this morning and feel super hot and shaky', ['fever_hot_swollen']],
    ['i dont really get what half of those mean sorry', null], ['not really', ['none']], ['no i do not', ['none']],
  ]);
  table('weight_bearing', [["I haven't really tried", null]]);
  table('trend', [
    ['about the same overall. better in the mornings, worse by night', 'same'], ["Better in the mornings, worse by night, but overall it's improving.", 'better'],
    ['A bit better since I stopped running, but still there.', 'better'], ['same, still there', 'same'], ['better in the mornings, worse by night', null],
  ]);
  table('location', [['Behind the kneecap, deep in.', 'front'], ['deep in', 'whole']]);
  // From a blind vignette set of near misses: swelling or whiteness told of the shoulder or the hands is no sign of the knee
  // or the foot (a hand put on the knee to feel its heat is), another's clot after "none of those" is theirs, "just those
  // two" counts the signs told (no option 2), and the writer's own age is the one asked for beside their child's.
  table('red_flags', [
    ['my shoulder is swollen from that fall, but for the knee, none of those', ['none']],
    ["none. My hands went white at run club but that's my Raynaud's, my feet are fine", ['none']], ['my foot and hand went white', ['cold_pale_foot']],
    ['its all angry red n puffy and warm when i put my hand on it. no fever tho', ['hot_swollen']], ['my hands go numb', ['none']], ['my foot is numb', ['cold_pale_foot']],
    ["none of those. My brother had a clot once but I'm fine", ['none']], ["my son's calf is swollen and red", ['calf_swelling']],
    ['just those two', ['none']], ['2 and 6', ['fever_hot_swollen', 'breathless']],
  ]);
  table('age', [["I'm 45. My son's 12 but it's my knee", 'adult'], ["She's 15. I'm her mum, I'm 47", 'child']]);
  // From blind vignettes told by parents and partners: "can't walk on it" is no walking (the words "walk on it" inside it
  // are no yes); soreness from all the skiing, or "nobody hit him", is no injury; a knee that can still straighten all the
  // way is not locked; an operation on "August 3rd" is more than 90 days back, and breath short since then is still now.
  table('weight_bearing', [
    ["No, I can't walk on it", 'no'], ['cant walk on it', 'no'], ["No, she can't walk on it, she's using old crutches.", 'no'],
    ['i can barely walk on it', 'no'], ['she can barely walk', 'no'], ['i can walk on it but cant run', 'yes'], ['yes i can walk on it', 'yes'],
  ]);
  table('injury', [
    ["No, she didn't fall once, it just got sore from all the skiing.", 'no'], ['No, nobody hit him, it just got sore.', 'no'],
    ['No falls, just sore from the skiing.', 'no'], ['yes, got hurt skiing', 'yes'], ['someone hit him with a stick', 'yes'],
  ]);
  table('red_flags', [
    ["It's not swollen, just stiff - he can still straighten it all the way.", ['none']], ["he can't straighten it", ['locked']],
    ['The scope was August 3rd.', ['none']], ['I had a scope on aug 3', ['none']], ['scope was on oct 30', ['recent_surgery']],
    ["I've been short of breath since aug 3", ['breathless']], ['surgery in aug', ['recent_surgery']],
  ]);
  // From blind vignettes: children counted after "grandmother of" are no age; a meniscus trimmed is an operation; being
  // stuck in the middle of two opinions is no locked knee.
  table('age', [["I'm a grandmother of 3, 71", 'older'], ['mother of 2, 45', 'adult'], ['mom of two, 45', 'adult']]);
  table('red_flags', [
    ['it hurts badly at night and I had a meniscus trim on Sept 30', ['night_pain_weight_loss', 'recent_surgery']],
    ['had my meniscus trimmed in september', ['recent_surgery']], ["I'm stuck in the middle, no idea", null], ['it gets stuck bent', ['locked']],
  ]);
  // From blind vignettes: pain at night told after swelling is night pain (swelling at night is still only swelling); weight
  // lost written "wt", unless on purpose; breath that "can't really" be caught.
  table('red_flags', [
    ['its a bit swollen and the pain at night is bad', ['night_pain_weight_loss', 'swollen']], ['swollen and sore at night', ['night_pain_weight_loss', 'swollen']],
    ['it swells more at night', ['swollen']], ['wt loss, like 4 kilos in a month, not trying', ['night_pain_weight_loss']],
    ['lost some wt but on purpose', ['none']], ['no wt loss', ['none']], ['cant really breathe properly', ['breathless']],
  ]);
  // The breath of a hard run is no sign; swelling that went down after it was; a step that cannot be taken is no walking.
  table('red_flags', [
    ["None of those. I only get out of breath when I'm sprinting intervals, which is normal for me. No chest pain", ['none']],
    ["None. I'm breathing hard on tempo runs, but that's just the effort, no chest pain or anything", ['none']],
    ['swollen but it went down overnight', ['none']], ["I can't take a single step on it, and it keeps locking", ['cannot_walk', 'locked']],
  ]);
  // Walking the dog up hills is walking, and hills; up the stairs it is stairs.
  table('aggravators', [['walking the dog up the hills in my neighbourhood', ['running', 'walking']], ['walking the dog up the stairs', ['stairs']]]);
  // Warning signs told late, beside the answer to another question, are read there.
  table('trend', [["worse, it's really bad even when I'm resting and lying still", 'worse']]);
  table('recurrent', [["it's happened every spring", 'yes'], ['first time ever', 'no']]);
  // Heat alone answers the warning-sign question, unless swelling is denied beside it.
  table('red_flags', [
    ["It feels warm but it isn't swollen. I had an arthroscopy 10 weeks ago.", ['recent_surgery']],
    ["No, none of those. It feels slightly warm sometimes but there's no swelling.", ['none']], ["it's hot", ['hot_swollen']],
  ]);
  // An option's number with words that say the same (SMS); words that say otherwise are asked about again.
  table('weight_bearing', [['2 not at all', 'no'], ['1 yes with a limp', 'yes'], ['2 yes', null]]);
  table('duration', [['2 weeks', '2to6w'], ['3 days', 'lt1w']]);
  // Not having tried, or asking to skip, is no answer (asked again, then unclear): never a "no".
  table('weight_bearing', [["I haven't tried.", null], ['next question please', null], ['skip', null], ['no, i tried and couldnt', 'no']]);
  table('trend', [["It flared up on Sunday, but since then it's calmed down a lot.", 'better']]);
  table('trend', [['Same... actually no, a bit better since I stopped running.', 'better']]);

  table('recurrent', [
    ['no, first time I\'ve had it', 'no'], ['first time', 'no'], ['not the first time', 'yes'], ['not my first time', 'yes'], ['yes it came back when I started running again', 'yes'],
    // Another body part's trouble long ago, after a no, is not this knee's coming back.
    ['No, first time for this knee. I had a hamstring strain years ago but never knee trouble.', 'no'],
    ['had it last year too', 'yes'],
    ["No, he's never had this kind of pain before.", 'no'], ["I've had this kind of pain before", 'yes'],
    ['No, never had pain in this knee before.', 'no'],
    ['yeah, had the exact same thing 2 yrs ago when I trained for my first half, it came back when I started running again', 'yes'],
  ]);

  describe('reading asides', () => {
    let p: Protocol;
    before(() => {
      p = protocol();
    });
    const rows: Array<[string, Answers]> = [
      ['my knee hurts since I twisted it 3 days ago', { injury: 'yes', duration: 'lt1w' }],
      // A blow remembered late, in any tense; a figure of speech is none.
      ['same. oh I did bang it hard on the coffee table on monday', { injury: 'yes' }],
      ['I bang my knee on the desk a lot', { injury: 'yes' }],
      ['we are knocking it out of the park this season', {}],
      // Training that fell behind or apart is no fall; another's operation or clot beside one's own knee is theirs, not a
      // child's signs told by a parent.
      ['I fell behind on my marathon training, so I doubled my mileage, and now my knee hurts.', {}],
      ['My husband had knee surgery in October so he told me to check mine lol', {}],
      ["my knee's been sore for about 3 weeks. My mom had a blood clot in her leg so I wanted to check", { duration: '2to6w' }],
      ['my son had knee surgery 6 weeks ago and now his knee is hot and swollen', { red_flags: ['recent_surgery', 'hot_swollen'], duration: '2to6w' }],
      ['my knee hurts. my dad is having chest pain right now', { red_flags: ['breathless'] }],
      // A check done for someone else: the writer's own operation, clot or giving way is not theirs; a child's signs still count.
      ["I had my own knee scoped last month so I know a bit about knees, but this is about my daughter, she's 15.", { age: 'child' }],
      ["My own knee gives way since my ACL tear years ago, but I'm asking about my husband. He's 45.", { age: 'adult' }],
      ["I'm on blood thinners myself after a clot last year so I'm paranoid, but this is about my son, 19.", {}],
      ['this is about my son, his knee is hot and swollen and my own knee is fine', { red_flags: ['hot_swollen'] }],
      ['My mother-in-law is 66.', { age: 'older' }],
      ['My 17 yo went down awkwardly at basketball.', { injury: 'yes', age: 'adult' }],
      ["I just started running this month and my knee's sore.", {}],
      // Childhood told as when it began is no age now.
      ['since I was a teenager honestly', { duration: 'gt6w' }],
      // Heat twice over is the sign; another part's heat is not the knee's.
      ["stairs. and it's gone all hot and red this evening", { red_flags: ['hot_swollen'] }],
      ['my face goes red and hot when I run', {}],
      ['my knee hurts when I run', { aggravators: ['running'] }],
      // What the pain started after is how it began, not what makes it worse.
      ['my knee started hurting after a long hike', {}], ['my knee hurts after long hikes', { aggravators: ['walking'] }],
      // A pain denied ties no activity to it; a replaced knee named with no time is asked about, not assumed recent.
      ['I walked 5 km yesterday with no pain at all', {}], ['My replaced knee has been aching at the front.', { location: 'front' }],
      ["I'm 61 and I fell on my knee yesterday", { injury: 'yes', age: 'older', duration: 'lt1w' }],
      ['I was born in 1957. I fell on my knee yesterday', { injury: 'yes', age: 'older', duration: 'lt1w' }],
      ['my knee hurts, I was born 3 March 1971', { age: 'older' }],
      ['My grandson is 10 and fell off his bike onto his knee', { injury: 'yes', age: 'child' }],
      // An injury told apart from an old operation stands ("...and I twisted it today"); the operation's time is no time of the pain.
      ['I had ACL reconstruction 8 weeks ago and I twisted it getting out of the car today', { injury: 'yes', red_flags: ['recent_surgery'], duration: 'gt6w' }],
      ['Had my knee replaced two months ago and I twisted my knee a bit on the stairs', { injury: 'yes', red_flags: ['recent_surgery'] }],
      ['I twisted it a week and a half ago and it still hurts', { injury: 'yes', duration: '1to2w' }],
      ["I'm 34, hurt my knee landing a jump at volleyball tonight and it ballooned up within an hour", { injury: 'yes', rapid_swelling: 'yes', red_flags: ['swollen'], age: 'adult' }],
      ["Hey, I'm 19, my knee's been sore at the front since Sunday. Didn't get hurt, no swelling, no fever, I can walk fine.", { injury: 'no', weight_bearing: 'yes', rapid_swelling: 'no', age: 'adult', duration: 'lt1w', location: 'front' }],
      // Two places told in passing are asked about, not read as the first.
      ['my knee hurts in the front and at the back', {}],
      ['Took a hockey puck to the knee', { injury: 'yes' }], ["I'm 80 and my knee hurts all the time, severe at night", { red_flags: ['night_pain_weight_loss'], age: 'older' }],
      ["After my long run my knee was a little puffy, but it settled by the evening. Now it's just a mild ache", {}],
      ['my knee is swollen and hasn\'t gone down', { red_flags: ['swollen'] }],
      ["it swelled up after my run, went down, and now it's swollen again", { red_flags: ['swollen'] }],
      ["it's really bad even when I'm resting and lying still", { red_flags: ['night_pain_weight_loss'] }],
      ["about five days. And honestly I'm getting out of breath really easily today", { duration: 'lt1w', red_flags: ['breathless'] }], ['my knee has hurt since 3 March, I ran 3 march events', { duration: 'gt6w' }],
      // Coming back to the chat is not the pain coming back.
      ['hey, back again about my knee', {}],
      ['hi its me again re: my knee', {}],
      ['knee pain 8/10 for a month, worse going downstairs', { severity: 8, duration: '2to6w', aggravators: ['stairs'] }],
      ['my knee has been getting worse for 3 weeks, mostly on the inside', { trend: 'worse', duration: '2to6w', location: 'inner' }],
      ['my knee hurts', {}],
      ['I have a race in 3 weeks and my knee hurts today', {}],
      ['I run 5 days a week', {}],
      // A number after "a" that stands alone is a score; one before a unit or a noun is not.
      ["my knee's been killing me for like 3 weeks now, at its worst a solid 7", { duration: '2to6w', severity: 7 }],
      ['my knee hurts, I did a 10 k on Sunday and a 5 mile run today', {}],
      // A clause that asks about a sign tells none.
      ["does knee pain ever cause chest pain? just curious, I don't have any", {}],
      ['my knee hurts on stairs. does a tight IT band pull the kneecap sideways?', { aggravators: ['stairs'] }],
      // A trip taken is not a trip over something.
      ["Just got back from a long trip and my knee and leg are aching. I'm 58 if that matters.", { age: 'older' }],
      ['took a trip over the curb and my knee hurts', { injury: 'yes' }],
      // Times that disagree, told in passing, are asked about; one told plainly is read.
      ['The outer side of my left knee has been sore for 4 days, since a weekend of gardening. It is about the same.', { location: 'outer' }],
      ['the front of my knee started aching again 4 days ago. This happened last spring too.', { location: 'front', recurrent: 'yes' }],
      ['my knee hurts since 11/20', { duration: 'lt1w' }],
      // Several answers in one opening.
      ["Hi, I'm 47, my right knee has ached at the front for about 3 weeks, worse on stairs and after sitting through meetings, no injury, and it's getting a bit worse.",
        { injury: 'no', age: 'adult', duration: '2to6w', trend: 'worse', aggravators: ['stairs', 'sitting'] }],
      ['knee sore 10 days, not better not worse. hurts just walking to the bus. 33, no injury, front of knee',
        { injury: 'no', duration: '1to2w', trend: 'same', location: 'front', aggravators: ['walking'] }],
      ["I'm 67 and I fell off a stepladder this morning and landed on my knee. It swelled up like a balloon within an hour and I can't put any weight on it at all.",
        { injury: 'yes', weight_bearing: 'no', rapid_swelling: 'yes', red_flags: ['cannot_walk', 'swollen'], age: 'older', duration: 'lt1w' }],
      ['I had the same thing 2 years ago, no injury this time', { injury: 'no', recurrent: 'yes' }],
      // A school grade told in passing is an age only after "in" (Ontario: grade 12 is 16-17).
      ["Hi, I'm in grade 12 and my knee has been sore.", { age: 'adult' }], ['my daughter is in grade 7 and her knee hurts', { age: 'child' }],
      // How long something was done is not how long it has hurt.
      ['my knee hurts doing squats and sitting in class for ages', { aggravators: ['squatting', 'sitting'] }],
      ['my knee hurts after sitting in the car for 3 hours', { aggravators: ['sitting'] }],
      ["I've been running for years and never had knee pain like this", { recurrent: 'no' }],
      ['sore knee for ages when running', { duration: 'gt6w', aggravators: ['running'] }],
      // A whole story told at once, from a black-box test of the bot: where, that it is new, and the trend are told too.
      ["I'm 42. About 5 days ago I started getting a dull ache behind my left kneecap, mostly going down stairs and after sitting through long meetings. No fall or twist. It's about a 4/10 at worst and getting better. Never had it before.",
        { injury: 'no', age: 'adult', duration: 'lt1w', trend: 'better', location: 'front', severity: 4, recurrent: 'no' }],
      ['knee pain, staying about the same', { trend: 'same' }],
      // From a second black-box test: a time "for" leads is how long, even before "after"; swelling told as past is not now.
      ["my knee has been a bit sore for 4 days after I upped my mileage, it's already getting better", { duration: 'lt1w', trend: 'better' }],
      ['it started 4 days after the race', {}],
      ["my knee was swollen last year but it's fine now, just aches after runs", { aggravators: ['running'] }],
      // A time alone does not set swelling aside (it may be another thing's: "surgery 5 weeks ago and now it's swollen"); the check asks.
      ['it swelled up 3 weeks ago', { red_flags: ['swollen'], duration: '2to6w' }],
      ["it was swollen last year and it's swollen again", { red_flags: ['swollen'] }],
      ['my knee has been locking since last year', { red_flags: ['locked'] }],
      ['my knee used to lock when I was a teen', {}],
      // "my kid" beside another thing of the kid's is no age of the writer's; told of the knee's owner, it is.
      ["It's really squatting, like when I crouch down to tie my kid's shoes.", {}],
      ['my kid has knee pain', { age: 'child' }],
      // Where it hurts told in passing, as "on the outer side".
      ['my knee hurts on the outer side', { location: 'outer' }], ['sore on the inner side', { location: 'inner' }],
      // An injury told as recent stands beside an operation long ago; a recurrence's time is not this pain's, another clause's is.
      [
        "Knocked my knee on a table corner 2 days ago, I'm walking fine and it didn't swell. I had a knee replacement in mid-September.",
        { injury: 'yes', weight_bearing: 'yes', rapid_swelling: 'no', red_flags: ['recent_surgery'], duration: 'lt1w' },
      ],
      ['Three weeks of pain on my knee. Had the same thing two years ago.', { duration: '2to6w', recurrent: 'yes' }],
      ['Had the same thing two years ago', { recurrent: 'yes' }],
      ["it's been like that since the 1st of the month", { duration: '2to6w' }],
      // Times on either side of a contrast are each their own; the hip's months are the hip's (`duration.otherSubjects`).
      ["My hip has been bugging me for months but this is about my knee - sore around the kneecap since Saturday's 10k.", { location: 'front', duration: 'lt1w' }],
      // Told apart, times that disagree make the check ask.
      ['sore for 4 days, but I think it started a couple of months ago', {}],
      // Someone else's operation, set against the writer's own knee.
      ["My husband had his knee replaced last month, but mine is just a bit sore since Tuesday. I'm 58.", { age: 'older', duration: 'lt1w' }],
      // A season is a time, not a fall; one long hike is how it began, not walking that makes it worse; an old injury the
      // knee has never got over is how long it has hurt.
      ["my knee's been achy the whole fall", { duration: 'gt6w' }], ["it's been sore since the fall", { duration: 'gt6w' }],
      ['knee sore after a long hike on the wknd', {}], ['my knee hurts when i hike', { aggravators: ['walking'] }],
      ["I twisted my knee skiing in March and it has never been quite right since; it's the inside of the knee that aches", { injury: 'yes', duration: 'gt6w', location: 'inner' }],
      ['my knee has been sore since I fell 3 months ago', { injury: 'yes', duration: 'gt6w' }],
      ['For the past two months the inside of my knee has been getting worse', { duration: 'gt6w', trend: 'worse', location: 'inner' }],
      // "8-year-old" is "8 year old"; an electrician tells of a trade, not of electric shocks.
      ['My 8-year-old son has a sore knee.', { age: 'child' }], ['Electrician here, my knee is sore', {}],
      // Pain that is back, the same as last year's, has come before; a knee back to normal has not. Walking one can do is no
      // walking that hurts.
      ["My knee pain is back, it's the same thing I had last year.", { recurrent: 'yes' }], ['my knee is back to normal', {}],
      ['I took a hit to my knee on Sunday and I can walk on it', { injury: 'yes', weight_bearing: 'yes', duration: 'lt1w' }],
      // Picking up one's child tells no age.
      ['it hurts when squatting to pick up my kid', { aggravators: ['squatting'] }],
      // A sign told late in everyday words, and a trend told as worse than it was.
      ['bout a week. oh and now i cant really catch my breath', { duration: '1to2w', red_flags: ['breathless'] }],
      ["i can't seem to catch my breath", { red_flags: ['breathless'] }],
      ['2wks, kinda worse than it was', { trend: 'worse' }],
      ["My knee's been complaining since I did the fall clean-up in the garden.", {}],
      ["I'm all bent out of shape about missing my run club", {}],
      ["Knee's been sore since the 16th, I can't stand missing my runs", { duration: '1to2w' }],
      ["My brother's knee locks up all the time, mine just aches a little after soccer", {}],
      // A race to come times the race, not the pain.
      ["I'm locked into a half marathon in the spring and my knee started aching around the kneecap", { location: 'front' }],
      // One thing worse than another is no trend.
      ['stairs are worse than running', { aggravators: ['running', 'stairs'] }],
    ];
    for (const [text, expected] of rows) {
      it(`finds ${JSON.stringify(expected)} in "${text}"`, () => {
        expect(extractVolunteered(p, text, CTX)).to.deep.equal(expected);
      });
    }

    it('reads other answers volunteered in a reply', () => {
      const r = interpretAnswer(p, 'injury', "yes I twisted it and now I can't put weight on it", CTX);
      expect(r.answers).to.deep.include({ injury: 'yes', weight_bearing: 'no' });
    });
  });

  describe('dates read against the clinic clock (Wednesday 2026-11-25, Toronto)', () => {
    let p: Protocol;
    before(() => {
      p = protocol();
    });
    const rows: Array<[string, number]> = [
      ['since Labour Day', 79], // Monday 2026-09-07
      ['since September', 85],
      ['since last tuesday', 8],
      ['since tuesday', 1],
      // The week before "last Wednesday" (the 18th): the 11th.
      ['since the Wednesday before last', 14],
      ['since the tuesday before last', 15],
      ['since thanksgiving', 44], // Monday 2026-10-12
      // The long weekend is the last one there was (Thanksgiving's), up to two days before its holiday; a named one is that one.
      ['since the long weekend', 46],
      ['since the may long weekend', 191], // Victoria Day, Monday 2026-05-18
      ['since the weekend', 4],
      ['since halloween', 25],
      ['since christmas', 335],
      // A holiday's name is never taken for a typo of another word ("easter" is not "easier").
      ['since easter', 234], // Sunday 2026-04-05
      ['since good friday', 236],
      ['since Friday the 13th', 12],
      ["it'll be two weeks tomorrow", 13],
      ['3 days ago', 3],
      ['a fortnight', 14],
    ];
    for (const [text, days] of rows) {
      it(`"${text}" started ${days} days ago`, () => {
        const r = parseDuration(p.language, normalize(text, p.language.lexicon), text, CTX, 'answer', p.durationBands);
        expect(r?.hi).to.equal(days);
      });
    }

    it('reads today in the clinic time zone, not UTC', () => {
      const lateEvening = { now: new Date('2026-11-26T03:30:00Z'), timeZone: 'America/Toronto' }; // still the 25th in Toronto
      const r = parseDuration(p.language, normalize('since monday', p.language.lexicon), 'since monday', lateEvening, 'answer', p.durationBands);
      expect(r?.hi).to.equal(2);
    });
  });
});

describe('option numbers texted to the warning-sign list (SMS)', () => {
  let p: Protocol;
  before(() => {
    p = protocol();
  });
  const sms = { ...CTX, optionsNumbered: true };
  const rows: [string, string[]][] = [
    // "No. 6" is number 6 (short of breath or chest pain), never "no": reading it as the option errs on the side of the sign.
    ['No. 6', ['breathless']], ['no 7', ['cold_pale_foot']], ['No #6', ['breathless']], ['No. 5 and 10', ['calf_swelling', 'locked']],
    // However the numbers are put together.
    ['numbers 4 and 11', ['swollen', 'giving_way']], ['#4, #11', ['swollen', 'giving_way']], ['4/11', ['swollen', 'giving_way']],
    ['4 n 11', ['swollen', 'giving_way']], ['option 4 and 11', ['swollen', 'giving_way']], ['three and five', ['hot_swollen', 'calf_swelling']],
    ['only 11', ['giving_way']], ['just 6', ['breathless']], ['I think 9', ['cannot_walk']], ['4 and 11 👍', ['swollen', 'giving_way']],
    ['no', ['none']], ['no, nothing', ['none']],
    // "none ... but N": the number is the answer, not "none"; a number changed keeps both (the safe side).
    ['Nope, 6', ['breathless']], ['no to all but 5', ['calf_swelling']], ['none except 11', ['giving_way']],
    ['nothing apart from 8', ['tingling']], ['6 no wait 8', ['breathless', 'tingling']],
    // Numbers that open a reply, and the words after them.
    ['2, and 6 - getting short of breath too', ['fever_hot_swollen', 'breathless']], ['4 and my calf is sore', ['swollen', 'calf_swelling']],
  ];
  for (const [text, codes] of rows) {
    it(`reads "${text}" as ${codes.join(', ')}`, () => {
      expect(interpretAnswer(p, 'red_flags', text, sms).answers.red_flags).to.deep.equal(codes);
    });
  }

  it('takes the last number where one answer is asked for ("3 sorry 2"), and an injury answered again is no warning sign', () => {
    expect(interpretAnswer(p, 'trend', '3 sorry 2', sms).answers.trend).to.equal('same');
    // To a yes-or-no question, a number taken back is no answer: what follows the correction is ("2 no wait 1 yes it swelled").
    expect(interpretAnswer(p, 'rapid_swelling', '2 no wait 1 yes it swelled up within like an hour', sms).answers.rapid_swelling).to.equal('yes');
    expect(interpretAnswer(p, 'injury', '1 no wait 2 no', sms).answers.injury).to.equal('no');
    expect(interpretAnswer(p, 'injury', '1 no', sms).understood).to.equal(false);
    expect(interpretAnswer(p, 'red_flags', 'no injury, just gradual', sms).understood).to.equal(false);
  });

  it('does not read "number" as "numb" where options are not numbered', () => {
    const chat = { ...CTX, optionsNumbered: false };
    expect(interpretAnswer(p, 'red_flags', 'numbers 4 and 11', chat).answers.red_flags).to.equal(undefined);
    expect(interpretAnswer(p, 'red_flags', 'my foot is numb', chat).answers.red_flags).to.deep.equal(['cold_pale_foot']);
  });
});
