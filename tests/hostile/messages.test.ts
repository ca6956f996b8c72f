import { messagesCorpus } from './corpus-messages';
import { describeCorpus } from './harness';

describeCorpus('hostile requests to /api/messages and the HTTP server around it', messagesCorpus());
