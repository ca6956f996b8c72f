import { directLineCorpus } from './corpus-directline';
import { describeCorpus } from './harness';

describeCorpus("hostile requests to the bot's own Direct Line", directLineCorpus());
