import type { Lexicon } from './types';

export const en: Lexicon = {
  months: [
    ['january', 'jan'],
    ['february', 'feb'],
    ['march'],
    ['april', 'apr'],
    ['may'],
    ['june', 'jun'],
    ['july', 'jul'],
    ['august', 'aug'],
    ['september', 'sep'],
    ['october', 'oct'],
    ['november', 'nov'],
    ['december', 'dec'],
  ],
  yes: [
    'yes', 'yeah', 'yep', 'yup', 'ya', 'sure', 'of course', 'absolutely', 'definitely', 'certainly', 'okay',
    'ok', 'alright', 'all right', 'yes please', 'please', 'sounds good', 'go ahead', 'why not', 'correct',
    'indeed', 'right', 'that is right', "that's right", 'exactly', 'sure thing', 'i would like that',
    "i'd like that", 'gladly', 'with pleasure', 'yes of course', 'yes sure', 'yes definitely',
  ],
  no: [
    'no', 'nope', 'nah', 'not really', 'not at all', 'no thanks', 'no thank you', "i don't think so",
    'i do not think so', 'never', 'not now', 'not yet', 'no way', 'definitely not', 'certainly not',
    'absolutely not', 'not necessarily', 'no not really', "i don't want to", 'negative',
  ],
  courtesy: ['thanks', 'thank you', 'thank you very much', 'please'],
  nobody: [
    'none', 'nobody', 'no one', 'noone', 'zero', 'nil', 'not one', 'no', 'nothing', 'not yet', "we don't have any",
    'we have none',
  ],
  justMe: [
    'me', 'just me', 'only me', 'me only', 'myself', 'just myself', 'me alone', "i'm alone", 'i am alone', 'alone',
  ],
  nothing: [
    'no', 'none', 'nothing', 'zero', 'nil', 'not yet', 'without', "we don't have", 'we do not have',
    "i don't have", 'i do not have', "don't have", "there isn't", 'there is no', "haven't got", 'n/a', 'na',
  ],
  dontKnow: [
    "i don't know", 'i do not know', "don't know", 'dont know', 'dunno', 'idk', 'no idea', 'not sure',
    "i'm not sure", 'i am not sure', 'unknown', 'hard to say', 'to be defined', 'tbd', 'not decided',
  ],
  asap: ['asap', 'as soon as possible', 'right away', 'immediately', 'urgent', "it's urgent", 'urgently', 'yesterday'],
  lastYear: ['last year', 'the previous year'],
  thisYear: ['this year', 'the current year', 'end of the year', 'end of year', 'year end', 'the end of the year'],
  nextYear: ['next year', 'the following year'],
  today: ['today', 'tonight'],
  tomorrow: ['tomorrow'],
  next: ['next', 'following'],
  periodStart: ['early', 'beginning of', 'start of', 'the beginning of', 'the start of'],
  periodMiddle: ['mid', 'middle of', 'the middle of'],
  periodEnd: ['end of', 'the end of', 'late'],
  before: ['before'],
  noDeadline: [
    'no deadline', 'no date', 'no due date', 'not urgent', 'no rush', 'no hurry', 'whenever', 'any time', 'anytime',
  ],
  stopwords: [
    'the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'our', 'we',
    'us', 'i', 'my', 'me', 'is', 'are', 'be', 'mostly', 'mainly', 'especially', 'also', 'some', 'any', 'it',
    'its', 'this', 'that', 'these', 'those', 'about', 'really', 'very', 'more', 'but', 'so', 'not', 'do',
    'looking', 'search', 'searching', 'seeking',
  ],
};
